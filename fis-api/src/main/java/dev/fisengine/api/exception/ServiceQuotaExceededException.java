package dev.fisengine.api.exception;

/** FIS {@code ServiceQuotaExceededException} (HTTP 402). */
public class ServiceQuotaExceededException extends FisException {
    public ServiceQuotaExceededException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ServiceQuotaExceededException";
    }

    @Override
    public int httpStatus() {
        return 402;
    }
}
