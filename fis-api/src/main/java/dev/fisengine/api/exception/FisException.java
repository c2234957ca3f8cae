package dev.fisengine.api.exception;

/**
 * Base of the engine's unchecked exceptions. Each subtype is one of the FIS API's modelled error types, and
 * {@link #errorCode()} is its FIS name.
 */
public abstract class FisException extends RuntimeException {
    protected FisException(String message) {
        super(message);
    }

    protected FisException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The FIS error code, e.g. {@code ValidationException}. */
    public abstract String errorCode();

    /** The HTTP status FIS answers this error with. */
    public abstract int httpStatus();
}
