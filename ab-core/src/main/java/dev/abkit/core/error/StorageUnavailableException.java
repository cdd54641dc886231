package dev.abkit.core.error;

/**
 * A port's store cannot be reached right now; trying again later may succeed. Adapters translate
 * their connection failures into it so that the edge can answer "try later" without knowing them.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message) {
        super(message);
    }

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
