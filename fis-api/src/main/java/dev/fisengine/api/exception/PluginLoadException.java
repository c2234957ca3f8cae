package dev.fisengine.api.exception;

/**
 * A plugin listed in a {@code META-INF/services/...} file cannot be loaded by {@link java.util.ServiceLoader}: its
 * class is missing, not a provider of that type, not public, or has no public no-argument constructor, or the
 * constructor threw. Thrown when plugins are discovered; the message names the class, the services file and the fix.
 */
public class PluginLoadException extends IllegalStateException {
    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
