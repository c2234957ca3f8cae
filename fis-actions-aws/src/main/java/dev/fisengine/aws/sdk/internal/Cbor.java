package dev.fisengine.aws.sdk.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The little CBOR (RFC 8949) the error bodies need: a definite-length map of text strings to text strings. */
final class Cbor {
    private Cbor() {}

    static byte[] textMap(Map<String, String> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        head(out, 5, entries.size());
        for (Map.Entry<String, String> e : entries.entrySet()) {
            text(out, e.getKey());
            text(out, e.getValue());
        }
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        head(out, 3, b.length);
        out.write(b, 0, b.length);
    }

    private static void head(ByteArrayOutputStream out, int major, long value) {
        int m = major << 5;
        if (value < 24) {
            out.write(m | (int) value);
        } else if (value < 0x100) {
            out.write(m | 24);
            out.write((int) value);
        } else if (value < 0x10000) {
            out.write(m | 25);
            out.write((int) (value >>> 8));
            out.write((int) value & 0xff);
        } else {
            out.write(m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift) & 0xff);
            }
        }
    }
}
