package dev.abkit.http.mobile;

import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Platform;
import dev.abkit.http.problem.InvalidInputException;
import io.micronaut.http.HttpHeaders;

/**
 * The headers in which an app says which device it is, {@code Device-Token}, on every call it makes,
 * and what the device is: {@code Platform}, {@code App-Version}, {@code Locale}, each optional, on the
 * experiments call. They are checked on every request, so that a bad value is a 400
 * naming its header whether or not the device is new, but turned into {@link DeviceAttributes} only
 * when the answer needs the store: the check of valid values allocates nothing, and only a
 * registration keeps them.
 */
final class DeviceHeaders {

    static final String DEVICE_TOKEN = "Device-Token";
    static final String PLATFORM = "Platform";
    static final String APP_VERSION = "App-Version";
    static final String LOCALE = "Locale";

    private DeviceHeaders() {
    }

    /**
     * The {@code Device-Token} header's device, by the rules of {@link DeviceToken}.
     *
     * @throws InvalidInputException naming the header when it is missing or not a valid token
     */
    static DeviceToken token(String deviceToken) {
        if (deviceToken == null) {
            throw new InvalidInputException(DEVICE_TOKEN, "header is missing; send the device's id in it");
        }
        try {
            return DeviceToken.of(deviceToken);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(DEVICE_TOKEN, e.getMessage());
        }
    }

    /**
     * Checks the three headers of a request without keeping anything.
     *
     * @throws InvalidInputException naming the first header whose value is bad
     */
    static void check(HttpHeaders headers) {
        String platform = headers.get(PLATFORM);
        if (platform != null) {
            try {
                Platform.of(platform);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(PLATFORM, e.getMessage());
            }
        }
        String appVersion = headers.get(APP_VERSION);
        refuse(APP_VERSION, appVersion == null ? null : AppVersion.problemWith(appVersion));
        String locale = headers.get(LOCALE);
        refuse(LOCALE, locale == null ? null : LocaleTag.problemWith(locale));
    }

    private static void refuse(String header, String problem) {
        if (problem != null) {
            throw new InvalidInputException(header, problem);
        }
    }

    /** The headers, already {@linkplain #check checked}, as the core's attributes; an absent one is unknown. */
    static DeviceAttributes attributes(HttpHeaders headers) {
        String platform = headers.get(PLATFORM);
        String appVersion = headers.get(APP_VERSION);
        String locale = headers.get(LOCALE);
        if (platform == null && appVersion == null && locale == null) {
            return DeviceAttributes.UNKNOWN;
        }
        return new DeviceAttributes(platform == null ? null : Platform.of(platform),
                appVersion == null ? null : AppVersion.of(appVersion), locale == null ? null : LocaleTag.of(locale));
    }
}
