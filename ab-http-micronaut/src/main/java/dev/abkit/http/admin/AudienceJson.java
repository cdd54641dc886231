package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Platform;
import dev.abkit.http.problem.InvalidInputException;
import dev.abkit.http.problem.MalformedBodyException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An experiment's audience on the wire (R8). Every member is optional when sent (absent or null: no
 * rule on that attribute) and always present when shown. Read from a JSON tree, for a create and a
 * patch alike, as strictly as the rest of their bodies: a member of the wrong JSON type or an unknown
 * one is a malformed body naming it ({@code audience.platform}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AudienceJson(
        @Nullable List<String> platforms,
        @Nullable String minAppVersion,
        @Nullable String maxAppVersion,
        @Nullable List<String> locales,
        @Nullable List<String> countries,
        boolean includeUnknown) {

    private static final String MEMBERS = "platforms, minAppVersion, maxAppVersion, locales, countries, includeUnknown";

    /** @return null for an experiment open to every device */
    static AudienceJson from(Audience audience) {
        if (audience.isEveryone()) {
            return null;
        }
        return new AudienceJson(texts(audience.platforms(), Platform::text),
                audience.minAppVersion() == null ? null : audience.minAppVersion().value(),
                audience.maxAppVersion() == null ? null : audience.maxAppVersion().value(),
                texts(audience.locales(), LocaleTag::value), texts(audience.countries(), CountryCode::value),
                audience.includeUnknown());
    }

    /**
     * The core's audience from the member {@code name} of a request body; {@link Audience#EVERYONE}
     * for {@code null}. An exception names the first member at fault, as {@code name.member}.
     */
    static Audience read(String name, @Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return Audience.EVERYONE;
        }
        if (!node.isObject()) {
            throw new MalformedBodyException(name, "has the wrong type; it must be an object (" + MEMBERS + ")");
        }
        List<Platform> platforms = null;
        AppVersion minAppVersion = null;
        AppVersion maxAppVersion = null;
        List<LocaleTag> locales = null;
        List<CountryCode> countries = null;
        boolean includeUnknown = false;
        for (Map.Entry<String, JsonNode> member : node.entries()) {
            String path = name + "." + member.getKey();
            JsonNode value = member.getValue();
            switch (member.getKey()) {
                case "platforms" -> platforms = list(path, value, Platform::of);
                case "minAppVersion" -> minAppVersion = parsed(path, text(path, value), AppVersion::of);
                case "maxAppVersion" -> maxAppVersion = parsed(path, text(path, value), AppVersion::of);
                case "locales" -> locales = list(path, value, LocaleTag::of);
                case "countries" -> countries = list(path, value, CountryCode::of);
                case "includeUnknown" -> {
                    if (!value.isNull() && !value.isBoolean()) {
                        throw new MalformedBodyException(path, "has the wrong type");
                    }
                    includeUnknown = !value.isNull() && value.getBooleanValue();
                }
                default -> throw new MalformedBodyException(path,
                        "is not a property of an audience (" + MEMBERS + "; unknown properties are refused)");
            }
        }
        try {
            return new Audience(platforms, minAppVersion, maxAppVersion, locales, countries, includeUnknown);
        } catch (IllegalArgumentException e) {
            // Each member was valid on its own, so the version range is empty.
            throw new InvalidInputException(name + ".maxAppVersion", e.getMessage());
        }
    }

    private static <T> List<T> list(String path, JsonNode value, Function<String, T> parse) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new MalformedBodyException(path, "has the wrong type; it must be an array of strings");
        }
        if (value.size() == 0) {
            throw new InvalidInputException(path, "must list at least one value; leave it out to set no rule");
        }
        List<T> values = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode element = value.get(i);
            if (!element.isString()) {
                throw new MalformedBodyException(at, "has the wrong type; it must be a string");
            }
            values.add(parsed(at, element.getStringValue(), parse));
        }
        return values;
    }

    private static String text(String path, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new MalformedBodyException(path, "has the wrong type");
        }
        return value.getStringValue();
    }

    private static <T> T parsed(String path, String text, Function<String, T> parse) {
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, e.getMessage());
        }
    }

    private static <T> List<String> texts(List<T> values, Function<T, String> text) {
        return values == null ? null : values.stream().map(text).toList();
    }
}
