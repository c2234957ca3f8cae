package dev.fisengine.engine.source;

import dev.fisengine.engine.source.SourceFinding.Level;

/**
 * A finding of a reader, before it is placed: the absolute pointer in the source document, and the line and column
 * when they are known without the document's locations (syntax errors).
 */
record Note(Level level, String code, String sourcePointer, String templatePath, String message, int line,
        int column) {
    static Note of(Level level, String code, String sourcePointer, String templatePath, String message) {
        return new Note(level, code, sourcePointer, templatePath, message, 0, 0);
    }
}
