package dev.fisengine.engine.source;

import java.util.HashMap;
import java.util.Map;

/** Where each node of a parsed document starts: JSON Pointer to line and column (both 1-based). */
final class Locations {
    private final Map<String, long[]> byPointer = new HashMap<>();

    void put(String pointer, int line, int column) {
        byPointer.putIfAbsent(pointer, new long[] {line, column});
    }

    /** The line and column of the pointer or of its nearest ancestor that has one; {0, 0} when none has. */
    int[] find(String pointer) {
        String p = pointer;
        while (true) {
            long[] l = byPointer.get(p);
            if (l != null) {
                return new int[] {(int) l[0], (int) l[1]};
            }
            if (p.isEmpty()) {
                return new int[] {0, 0};
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }
}
