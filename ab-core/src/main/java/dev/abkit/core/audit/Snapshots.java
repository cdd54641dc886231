package dev.abkit.core.audit;

import dev.abkit.core.auth.PersonalToken;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Platform;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an audit entry keeps of each thing it records, with the member names of the admin API's JSON, so
 * that an entry's {@code before} and {@code after} read like the answers of the API: an experiment as
 * {@code GET /api/v1/admin/experiments/{key}} shows it, an override as its list shows it, a token as the
 * token list shows it (never its secret or digest; nor its last use, which is no change of the token).
 */
public final class Snapshots {

    private Snapshots() {
    }

    public static Snapshot of(Experiment experiment) {
        Lifecycle lifecycle = experiment.lifecycle();
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("key", experiment.key().value());
        members.put("status", experiment.status().name());
        members.put("createdAt", text(experiment.createdAt()));
        members.put("options", experiment.options().stream()
                .map(option -> members("value", option.value(), "weight", option.weight().value())).toList());
        members.put("startAt", text(lifecycle.startAt()));
        members.put("endAt", text(lifecycle.endAt()));
        members.put("startedAt", text(lifecycle.startedAt()));
        members.put("endAction", lifecycle.endAction().name());
        members.put("coverage", experiment.coverage().percent());
        members.put("audience", audience(experiment.audience()));
        return new Snapshot(members);
    }

    public static Snapshot of(DeviceOverride override) {
        return new Snapshot(members("deviceToken", override.device().value(), "value", override.value(),
                "createdAt", text(override.createdAt())));
    }

    public static Snapshot of(PersonalToken token) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("id", token.id().toString());
        members.put("name", token.name().value());
        members.put("role", token.role().wireName());
        members.put("createdAt", text(token.createdAt()));
        members.put("expiresAt", token.expiresAt().map(Snapshots::text).orElse(null));
        members.put("revokedAt", token.revokedAt().map(Snapshots::text).orElse(null));
        return new Snapshot(members);
    }

    /** Null for an experiment open to every device, as the API shows it. */
    private static Map<String, Object> audience(Audience audience) {
        if (audience.isEveryone()) {
            return null;
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("platforms", texts(audience.platforms(), Platform::text));
        members.put("minAppVersion", audience.minAppVersion() == null ? null : audience.minAppVersion().value());
        members.put("maxAppVersion", audience.maxAppVersion() == null ? null : audience.maxAppVersion().value());
        members.put("locales", texts(audience.locales(), LocaleTag::value));
        members.put("countries", texts(audience.countries(), CountryCode::value));
        members.put("includeUnknown", audience.includeUnknown());
        return members;
    }

    private static Map<String, Object> members(Object... namesAndValues) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            members.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return members;
    }

    private static <T> List<String> texts(List<T> values, Function<T, String> text) {
        return values == null ? null : values.stream().map(text).toList();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
