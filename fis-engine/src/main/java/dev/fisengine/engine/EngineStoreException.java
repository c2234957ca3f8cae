package dev.fisengine.engine;

/**
 * The engine's {@link EngineStore} could not record a change, so the call that asked for it was refused and nothing
 * of it was kept; or, while the engine was being built, the store's records could not be read. FIS has no such error:
 * {@code fis serve} answers it as HTTP 500 {@code InternalServerException} with this message.
 */
public class EngineStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
