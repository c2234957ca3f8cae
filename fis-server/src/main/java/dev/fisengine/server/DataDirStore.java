package dev.fisengine.server;

import dev.fisengine.engine.EngineStore;
import dev.fisengine.engine.EngineStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The engine store of {@code fis serve --data-dir DIR}: one H2 MVStore file, {@value #FILE_NAME}, in {@code DIR}.
 * MVStore is copy-on-write and append-only per commit, so a process killed mid-write leaves the last committed
 * version readable; each {@link #put} / {@link #delete} commits and forces the file to disk ({@code fsync}) before it
 * returns. The file is locked while open: a second server on the same directory is refused at start.
 *
 * <pre>{@code
 * try (DataDirStore store = DataDirStore.open(Path.of("fis-data"));
 *      FisEngine engine = FisEngine.builder().store(store).build()) { ... }   // engine closes first
 * }</pre>
 */
public final class DataDirStore implements EngineStore, AutoCloseable {
    /** The store's file inside the data directory. */
    public static final String FILE_NAME = "fis-engine.mv.db";

    private final Path dir;
    private final Path file;
    private final MVStore store;

    private DataDirStore(Path dir, Path file, MVStore store) {
        this.dir = dir;
        this.file = file;
        this.store = store;
    }

    /**
     * Opens (creating it and the directory when absent) the store in {@code dir}.
     *
     * @throws EngineStoreException naming the path, when the directory cannot be created or written, the file is
     *     not an MVStore file or is damaged, or another process has it open
     */
    public static DataDirStore open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new EngineStoreException("Data directory " + abs + " is not a directory.", null);
        }
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new EngineStoreException("Data directory " + abs + " cannot be created: " + describe(e), e);
        }
        if (!Files.isWritable(abs)) {
            throw new EngineStoreException("Data directory " + abs + " is not writable.", null);
        }
        Path file = abs.resolve(FILE_NAME);
        if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
            throw new EngineStoreException("Data file " + file + " is not a writable file.", null);
        }
        try {
            MVStore s = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
            // Each commit is forced to disk before the call returns, so no older version is needed to recover from a
            // crash: free space is reused at once and the file stays near the size of the live data (MVStore's
            // default keeps every replaced chunk for 45 s, which grows the file by megabytes in a burst of changes).
            s.setRetentionTime(0);
            return new DataDirStore(abs, file, s);
        } catch (RuntimeException e) {
            String why = describe(e);
            String hint = why.toLowerCase(java.util.Locale.ROOT).contains("locked")
                    ? " (another process, e.g. a second fis serve, has this data directory open)"
                    : " (it is damaged or not a FIS engine data file; move it away to start empty)";
            throw new EngineStoreException("Data file " + file + " cannot be opened: " + why + hint, e);
        }
    }

    /** The data directory (absolute). */
    public Path directory() {
        return dir;
    }

    /** The store's file (absolute). */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Map<String, String> load(String collection) {
        MVMap<String, String> m = store.openMap(collection);
        return new LinkedHashMap<>(m);
    }

    @Override
    public synchronized void put(String collection, String key, String json) {
        try {
            MVMap<String, String> m = store.openMap(collection);
            m.put(key, json);
            durable();
        } catch (RuntimeException e) {
            throw new EngineStoreException("Data file " + file + ": " + describe(e), e);
        }
    }

    @Override
    public synchronized void delete(String collection, String key) {
        try {
            MVMap<String, String> m = store.openMap(collection);
            if (m.remove(key) != null) {
                durable();
            }
        } catch (RuntimeException e) {
            throw new EngineStoreException("Data file " + file + ": " + describe(e), e);
        }
    }

    private void durable() {
        store.commit();
        store.sync();
    }

    /** Commits and closes the file (after the engine is closed, so that its last records are in). Idempotent. */
    @Override
    public synchronized void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public String toString() {
        return "DataDirStore[" + file + "]";
    }
}
