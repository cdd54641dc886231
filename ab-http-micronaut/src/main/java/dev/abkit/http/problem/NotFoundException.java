package dev.abkit.http.problem;

/**
 * The request names an experiment, a device or an override that cannot exist (its key or token is not
 * even valid): 404.
 */
public final class NotFoundException extends RuntimeException {

    enum What { EXPERIMENT, DEVICE, OVERRIDE }

    private final What what;

    /** An experiment that cannot exist. */
    public NotFoundException(String message) {
        this(message, What.EXPERIMENT);
    }

    private NotFoundException(String message, What what) {
        super(message, null, false, false);
        this.what = what;
    }

    /** A device that cannot exist. */
    public static NotFoundException device(String message) {
        return new NotFoundException(message, What.DEVICE);
    }

    /** An override that cannot exist. */
    public static NotFoundException override(String message) {
        return new NotFoundException(message, What.OVERRIDE);
    }

    boolean isDevice() {
        return what == What.DEVICE;
    }

    boolean isOverride() {
        return what == What.OVERRIDE;
    }
}
