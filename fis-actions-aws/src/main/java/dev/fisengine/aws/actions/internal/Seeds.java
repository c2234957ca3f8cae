package dev.fisengine.aws.actions.internal;

import java.nio.charset.StandardCharsets;

/**
 * The random seed of an API-fault action's rule, derived from what is stable across runs: the experiment id and the
 * action name. An engine built with a seed gives its experiments the same ids run after run, so the same template
 * started in the same order draws the same sequence of hits and misses.
 */
public final class Seeds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Seeds() {}

    /** A 64-bit seed of {@code experimentId} and {@code actionName} (FNV-1a over their UTF-8 bytes, then mixed). */
    public static long of(String experimentId, String actionName) {
        long h = FNV_OFFSET;
        h = feed(h, experimentId);
        h = (h ^ 0xff) * FNV_PRIME; // a byte UTF-8 never has: ("ab", "c") and ("a", "bc") differ
        h = feed(h, actionName);
        return mix(h);
    }

    private static long feed(long h, String s) {
        for (byte b : (s == null ? "" : s).getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return h;
    }

    /** The finalizer of SplitMix64: spreads FNV's weak low bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
