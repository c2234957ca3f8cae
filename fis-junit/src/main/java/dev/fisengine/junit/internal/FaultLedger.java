package dev.fisengine.junit.internal;

import dev.fisengine.aws.sdk.ArmedApiFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API faults each experiment of one engine armed, kept after they are disarmed so their counters can still be
 * read. Filled by {@link RecordingActionProvider}.
 */
public final class FaultLedger {
    private final Map<String, List<ArmedApiFault>> byExperiment = new ConcurrentHashMap<>();

    void add(String experimentId, ArmedApiFault fault) {
        List<ArmedApiFault> list = byExperiment.computeIfAbsent(experimentId, k -> new ArrayList<>());
        synchronized (list) {
            for (ArmedApiFault f : list) {
                if (f == fault) {
                    return;
                }
            }
            list.add(fault);
        }
    }

    /** The faults experiment {@code experimentId}'s actions armed, in the order they were armed. */
    public List<ArmedApiFault> faults(String experimentId) {
        List<ArmedApiFault> list = byExperiment.get(experimentId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
