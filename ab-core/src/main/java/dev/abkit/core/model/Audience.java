package dev.abkit.core.model;

import java.util.List;

/**
 * Which new devices an experiment may enrol, judged by the attributes of their first request (R8).
 * Every member is optional ({@code null}: no rule on that attribute); a device must pass every rule
 * given, and a list passes when any of its values matches:
 * <ul>
 * <li>{@code platforms}: the device's platform is one of them;</li>
 * <li>{@code minAppVersion} (inclusive), {@code maxAppVersion} (exclusive): by semver precedence,
 *     so {@code 3.0.0-rc.1} is below a maximum of {@code 3.0.0} and build metadata is ignored;</li>
 * <li>{@code locales}: language ranges matched by RFC 4647 basic filtering, without regard to case:
 *     {@code ru} matches {@code ru}, {@code ru-RU} and {@code ru-UA}; {@code ru-RU} matches
 *     {@code ru-RU} (and {@code ru-RU-x-…}) but not {@code ru};</li>
 * <li>{@code countries}: the region of the device's locale ({@code RU} for {@code ru-RU}); a locale
 *     without a two-letter region has no country.</li>
 * </ul>
 * {@code includeUnknown} (default false) decides for a device that did not send an attribute a rule
 * needs (no {@code Platform} header for a platform rule, no region for a country rule); an attribute
 * no rule needs does not matter. Lists must not be empty (leave the member out instead), and the
 * version range must not be empty: an audience that can admit nobody is refused.
 */
public record Audience(List<Platform> platforms, AppVersion minAppVersion, AppVersion maxAppVersion,
                       List<LocaleTag> locales, List<CountryCode> countries, boolean includeUnknown) {

    /** No rule: every device. */
    public static final Audience EVERYONE = new Audience(null, null, null, null, null, false);

    public Audience {
        platforms = copyOfNonEmpty(platforms, "platforms");
        locales = copyOfNonEmpty(locales, "locales");
        countries = copyOfNonEmpty(countries, "countries");
        if (minAppVersion != null && maxAppVersion != null && minAppVersion.compareTo(maxAppVersion) >= 0) {
            throw new IllegalArgumentException("minAppVersion must be below maxAppVersion, which is exclusive (got "
                    + minAppVersion + " and " + maxAppVersion + ")");
        }
    }

    /** Whether a device with these first-request attributes may be enrolled. */
    public boolean admits(DeviceAttributes device) {
        return admitsPlatform(device.platform()) && admitsVersion(device.appVersion())
                && admitsLocale(device.locale()) && admitsCountry(device.country());
    }

    /** Whether no member sets a rule, so that every device is admitted. */
    public boolean isEveryone() {
        return platforms == null && minAppVersion == null && maxAppVersion == null && locales == null && countries == null;
    }

    private boolean admitsPlatform(Platform platform) {
        if (platforms == null) {
            return true;
        }
        return platform == null ? includeUnknown : platforms.contains(platform);
    }

    private boolean admitsVersion(AppVersion version) {
        if (minAppVersion == null && maxAppVersion == null) {
            return true;
        }
        if (version == null) {
            return includeUnknown;
        }
        return (minAppVersion == null || version.compareTo(minAppVersion) >= 0)
                && (maxAppVersion == null || version.compareTo(maxAppVersion) < 0);
    }

    private boolean admitsLocale(LocaleTag locale) {
        if (locales == null) {
            return true;
        }
        if (locale == null) {
            return includeUnknown;
        }
        for (LocaleTag range : locales) {
            if (basicFilterMatches(range.value(), locale.value())) {
                return true;
            }
        }
        return false;
    }

    private boolean admitsCountry(CountryCode country) {
        if (countries == null) {
            return true;
        }
        return country == null ? includeUnknown : countries.contains(country);
    }

    /** RFC 4647 section 3.3.1: the range equals the tag, or is a prefix of it that ends before a '-'. */
    private static boolean basicFilterMatches(String range, String tag) {
        return tag.regionMatches(true, 0, range, 0, range.length())
                && (tag.length() == range.length() || tag.charAt(range.length()) == '-');
    }

    private static <T> List<T> copyOfNonEmpty(List<T> values, String member) {
        if (values == null) {
            return null;
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(member + " must list at least one value; leave it out to set no rule");
        }
        return List.copyOf(values);
    }
}
