package dev.abkit.core.error;

/**
 * A port's store was reached but failed to do what was asked, for a reason that trying again will
 * not mend: a statement the store refused, a damaged schema, a bug. The edge answers it as an
 * internal error, without its message; the cause goes to the log.
 */
public final class StorageFailureException extends RuntimeException {

    public StorageFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageFailureException(String message) {
        super(message);
    }
}
