package dev.fisengine.engine.internal;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Ids shaped like AWS FIS's: templates {@code EXT} + 14 alphanumerics, experiments {@code EXP} + 15. Drawn from a
 * seeded random when the engine has a seed (so a sequential test sees the same ids every run), else from a
 * {@link SecureRandom}.
 */
public final class Ids {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Random random;

    public Ids(Long seed) {
        this.random = seed == null ? new SecureRandom() : new Random(seed ^ 0x5DEECE66DL);
    }

    public synchronized String templateId() {
        return "EXT" + chars(14);
    }

    public synchronized String experimentId() {
        return "EXP" + chars(15);
    }

    private String chars(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
