package dev.fisengine.api.validation;

/** Builds RFC 6901 JSON Pointers: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
public final class JsonPointer {
    private JsonPointer() {}

    /** Escapes one reference token. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** {@code base + "/" + escape(token)}. */
    public static String append(String base, String token) {
        return base + "/" + escape(token);
    }

    /** {@code base + "/" + index}. */
    public static String append(String base, int index) {
        return base + "/" + index;
    }
}
