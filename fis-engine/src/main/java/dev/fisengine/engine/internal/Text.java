package dev.fisengine.engine.internal;

/** Small text helpers shared by the run loop. */
final class Text {
    static final int MAX_REASON = 512;

    private Text() {}

    /** A throwable's message, or its type when it has none. */
    static String message(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }

    /** FIS's limit on reasons. */
    static String truncate(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }
}
