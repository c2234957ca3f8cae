package dev.fisengine.api.exception;

/**
 * Two plugins claim the same key (an {@code actionId}, {@code resourceType} or stop-condition {@code source}) with the
 * same order. Thrown when plugins are loaded; the message names both classes.
 */
public class PluginConflictException extends IllegalStateException {
    public PluginConflictException(String message) {
        super(message);
    }
}
