package dev.fisengine.engine;

import java.util.Map;

/**
 * Where an engine keeps its templates, experiment history and target account configurations across restarts
 * ({@link FisEngine.Builder#store(EngineStore)}); without one the engine keeps them in memory only. The engine owns
 * the records' format (JSON text, one record per key); a store only keeps them, in named collections.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #load} is called once per collection while the engine is built;</li>
 *   <li>{@link #put} and {@link #delete} return only when the change is durable (it survives the process being
 *       killed), and throw an unchecked exception when it could not be made; the engine then refuses the API call
 *       that asked for the change, with an {@link EngineStoreException}, and keeps nothing of it;</li>
 *   <li>calls come from any thread, one at a time per key and never under an engine lock that a stop, the safety
 *       lever or {@code close()} needs; they are never on the SDK call path (API faults never touch the store).</li>
 * </ul>
 * The engine does not close the store: whoever built the engine closes it after {@link FisEngine#close()}, whose
 * final experiment records are written before it returns.
 */
public interface EngineStore {
    /** Collection of experiment templates, by template id. */
    String TEMPLATES = "templates";
    /** Collection of experiments, by experiment id. */
    String EXPERIMENTS = "experiments";
    /** Collection of target account configurations (with their history), by template id. */
    String TARGET_ACCOUNTS = "target-accounts";

    /** Every record of {@code collection} (key to JSON text); empty when there is none. */
    Map<String, String> load(String collection);

    /** Stores (or replaces) one record; durable when this returns. */
    void put(String collection, String key, String json);

    /** Removes one record (absent is fine); durable when this returns. */
    void delete(String collection, String key);
}
