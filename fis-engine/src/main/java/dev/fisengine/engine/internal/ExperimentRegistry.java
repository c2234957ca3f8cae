package dev.fisengine.engine.internal;

import dev.fisengine.api.exception.ServiceQuotaExceededException;
import dev.fisengine.api.model.ExperimentSummary;
import dev.fisengine.engine.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * The engine's experiments: lookup by id, in start order for listing, the active-experiment slots (the FIS quota)
 * and the retention of ended experiments, by count and by age, so a long-running process keeps a bounded history.
 *
 * <p>A run takes its slot in the same step that makes it visible ({@link #register}), and gives it back when it
 * becomes terminal ({@link #ended}), so no stop can slip in between and leak a slot. Its own monitor guards only map
 * updates; no run, plugin or listener is ever called under it.
 */
public final class ExperimentRegistry {
    private final Map<String, ExperimentRun> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, ExperimentRun> bySequence = new ConcurrentSkipListMap<>();
    private final Map<String, ExperimentRun> byToken = new ConcurrentHashMap<>();
    private final Set<ExperimentRun> active = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<ExperimentRun> ended = new ArrayDeque<>();
    private final Clock clock;
    private final Duration retention;
    private final int maxRetained;

    public ExperimentRegistry(Clock clock, Duration retention, int maxRetained) {
        this.clock = clock;
        this.retention = retention;
        this.maxRetained = maxRetained;
    }

    /**
     * Makes {@code run} visible and gives it an active slot, atomically.
     *
     * @param quota the active-experiments quota, or {@code -1} not to check it (a run that will be cancelled at once)
     * @throws ServiceQuotaExceededException when {@code quota} slots are taken
     */
    public synchronized void register(ExperimentRun run, int quota) {
        if (quota >= 0 && active.size() >= quota) {
            throw new ServiceQuotaExceededException("You have reached the maximum number of active experiments ("
                    + quota + ").");
        }
        active.add(run);
        byId.put(run.id(), run);
        bySequence.put(run.sequence(), run);
        if (run.clientToken() != null) {
            byToken.put(run.clientToken(), run);
        }
    }

    /**
     * Adds an ended experiment read back from the engine's store (oldest first), within the retention limits.
     *
     * @return whether it is kept (false: too old, or beyond the count, already)
     */
    public synchronized boolean restore(ExperimentRun run) {
        byId.put(run.id(), run);
        bySequence.put(run.sequence(), run);
        if (run.clientToken() != null) {
            byToken.put(run.clientToken(), run);
        }
        ended.addLast(run);
        evict();
        return byId.get(run.id()) == run;
    }

    /** The run reached a terminal state: free its slot and keep it in the bounded history. */
    public void ended(ExperimentRun run) {
        active.remove(run);
        synchronized (this) {
            ended.addLast(run);
            evict();
        }
    }

    public ExperimentRun get(String id) {
        return byId.get(id);
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The run a StartExperiment client token started, or {@code null}. */
    public ExperimentRun byToken(String token) {
        return byToken.get(token);
    }

    /** The experiments not yet terminal. */
    public List<ExperimentRun> active() {
        return new ArrayList<>(active);
    }

    public int activeCount() {
        return active.size();
    }

    /** Experiments kept (active and ended). */
    public int size() {
        return byId.size();
    }

    /** Forgets ended experiments past the retention period; cheap when there are none. */
    public synchronized void purgeExpired() {
        evict();
    }

    /**
     * One page of experiments in start order, optionally of one template, without copying the history: iterates from
     * the page token's position and stops after {@code maxResults}.
     */
    public Page<ExperimentSummary> page(Integer maxResults, String nextToken, String experimentTemplateId,
            Function<ExperimentRun, ExperimentSummary> map) {
        int max = Paging.maxResults(maxResults);
        long after = Long.MIN_VALUE;
        if (nextToken != null) {
            String key = Paging.decode(nextToken);
            try {
                after = Long.parseLong(key);
            } catch (NumberFormatException e) {
                throw Paging.invalidToken(nextToken);
            }
        }
        List<ExperimentSummary> out = new ArrayList<>(Math.min(max, 16));
        long last = after;
        boolean more = false;
        for (ExperimentRun r : bySequence.tailMap(after, false).values()) {
            if (experimentTemplateId != null && !experimentTemplateId.equals(r.templateId())) {
                continue;
            }
            if (out.size() == max) {
                more = true;
                break;
            }
            out.add(map.apply(r));
            last = r.sequence();
        }
        return new Page<>(out, more ? Paging.encode(String.format("%019d", last)) : null);
    }

    private void evict() {
        Instant cutoff = clock.instant().minus(retention);
        ExperimentRun head;
        while ((head = ended.peekFirst()) != null) {
            Instant end = head.snapshot().endTime();
            boolean tooMany = ended.size() > maxRetained;
            boolean tooOld = end != null && end.isBefore(cutoff);
            if (!tooMany && !tooOld) {
                return;
            }
            ended.pollFirst();
            byId.remove(head.id(), head);
            bySequence.remove(head.sequence(), head);
            if (head.clientToken() != null) {
                byToken.remove(head.clientToken(), head);
            }
        }
    }
}
