package dev.fisengine.api.exception;

/** FIS {@code ConflictException} (HTTP 409). */
public class ConflictException extends FisException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ConflictException";
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
