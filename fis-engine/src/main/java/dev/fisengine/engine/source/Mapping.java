package dev.fisengine.engine.source;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisengine.engine.source.SourceFinding.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reader builds for one template: the create-experiment-template document, where each of its nodes came from
 * in the source, which values are placeholders for what is known only at deploy time, and the reader's notes.
 */
final class Mapping {
    final ObjectNode template = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> fisToSource = new HashMap<>();
    private final Set<String> placeholders = new LinkedHashSet<>();
    private final List<Note> notes = new ArrayList<>();

    /** Records that the template node at {@code fisPointer} came from {@code sourcePointer} (absolute). */
    void map(String fisPointer, String sourcePointer) {
        fisToSource.put(fisPointer, sourcePointer);
    }

    void placeholder(String fisPointer, String sourcePointer, String message) {
        placeholders.add(fisPointer);
        map(fisPointer, sourcePointer);
        note(Level.INFO, "source.unresolved", sourcePointer, fisPointer, message);
    }

    void note(Level level, String code, String sourcePointer, String fisPointer, String message) {
        notes.add(Note.of(level, code, sourcePointer, fisPointer, message));
    }

    Map<String, String> fisToSource() {
        return fisToSource;
    }

    Set<String> placeholders() {
        return placeholders;
    }

    List<Note> notes() {
        return notes;
    }
}
