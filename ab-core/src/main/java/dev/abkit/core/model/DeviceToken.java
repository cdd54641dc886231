package dev.abkit.core.model;

/** The id a mobile app sends for its device: 1-200 visible ASCII characters. */
public record DeviceToken(String value) {

    public static final int MAX_LENGTH = 200;

    public DeviceToken {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("device token must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "device token must be at most " + MAX_LENGTH + " characters (got " + value.length() + ")");
        }
        VisibleAscii.require(value, "device token");
    }

    public static DeviceToken of(String value) {
        return new DeviceToken(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
