package dev.fisengine.api.exception;

/** FIS {@code ResourceNotFoundException} (HTTP 404). */
public class ResourceNotFoundException extends FisException {
    public ResourceNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ResourceNotFoundException";
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
