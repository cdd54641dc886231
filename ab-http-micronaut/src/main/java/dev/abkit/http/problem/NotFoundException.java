package dev.abkit.http.problem;

/** The request names an experiment or a device that cannot exist (its key or token is not even valid): 404. */
public final class NotFoundException extends RuntimeException {

    private final boolean device;

    /** An experiment that cannot exist. */
    public NotFoundException(String message) {
        this(message, false);
    }

    private NotFoundException(String message, boolean device) {
        super(message, null, false, false);
        this.device = device;
    }

    /** A device that cannot exist. */
    public static NotFoundException device(String message) {
        return new NotFoundException(message, true);
    }

    boolean isDevice() {
        return device;
    }
}
