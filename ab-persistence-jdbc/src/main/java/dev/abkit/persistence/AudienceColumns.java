package dev.abkit.persistence;

import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An experiment's audience to and from the columns {@code audience_*} of {@code experiment} (V7):
 * one nullable column per rule, lists joined by {@value #SEPARATOR}, which no platform, locale tag
 * or country code contains.
 */
final class AudienceColumns {

    /** The columns, in the order {@link #bind} sets them. */
    static final String NAMES = "audience_platforms, audience_min_app_version, audience_max_app_version,"
            + " audience_locales, audience_countries, audience_include_unknown";
    /** The same columns, as {@link ExperimentRows} selects them from {@code experiment e}. */
    static final String SELECTED = "e.audience_platforms, e.audience_min_app_version, e.audience_max_app_version,"
            + " e.audience_locales, e.audience_countries, e.audience_include_unknown";
    static final int COUNT = 6;

    private static final String SEPARATOR = ",";

    private AudienceColumns() {
    }

    /** Sets parameters {@code first} to {@code first + COUNT - 1} of {@code statement} to {@code audience}. */
    static void bind(PreparedStatement statement, int first, Audience audience) throws SQLException {
        setText(statement, first, joined(audience.platforms(), Platform::text));
        setText(statement, first + 1, audience.minAppVersion() == null ? null : audience.minAppVersion().value());
        setText(statement, first + 2, audience.maxAppVersion() == null ? null : audience.maxAppVersion().value());
        setText(statement, first + 3, joined(audience.locales(), LocaleTag::value));
        setText(statement, first + 4, joined(audience.countries(), CountryCode::value));
        statement.setBoolean(first + 5, audience.includeUnknown());
    }

    /** The audience of the current row; the columns hold only what the core wrote, so they parse. */
    static Audience audience(ResultSet row) throws SQLException {
        String minAppVersion = row.getString("audience_min_app_version");
        String maxAppVersion = row.getString("audience_max_app_version");
        return new Audience(split(row.getString("audience_platforms"), Platform::of),
                minAppVersion == null ? null : AppVersion.of(minAppVersion),
                maxAppVersion == null ? null : AppVersion.of(maxAppVersion),
                split(row.getString("audience_locales"), LocaleTag::of),
                split(row.getString("audience_countries"), CountryCode::of),
                row.getBoolean("audience_include_unknown"));
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static <T> String joined(List<T> values, Function<T, String> text) {
        return values == null ? null : String.join(SEPARATOR, values.stream().map(text).toList());
    }

    private static <T> List<T> split(String joined, Function<String, T> parse) {
        if (joined == null) {
            return null;
        }
        List<T> values = new ArrayList<>();
        for (String value : joined.split(SEPARATOR, -1)) {
            values.add(parse.apply(value));
        }
        return values;
    }
}
