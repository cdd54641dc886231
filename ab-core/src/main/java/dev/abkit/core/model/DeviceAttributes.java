package dev.abkit.core.model;

/**
 * What a device's app said about it at its first request: platform, app version and locale, each
 * {@code null} when it was not sent (unknown). Kept with the device for good: a later request with
 * other values, after an app update say, changes nothing (R2, R8).
 */
public record DeviceAttributes(Platform platform, AppVersion appVersion, LocaleTag locale) {

    /** A device that said nothing about itself. */
    public static final DeviceAttributes UNKNOWN = new DeviceAttributes(null, null, null);

    /** The country of the locale: its region if that is two letters ({@code RU}); else {@code null}. */
    public CountryCode country() {
        String region = locale == null ? null : locale.region();
        return region == null || region.length() != 2 ? null : CountryCode.of(region);
    }
}
