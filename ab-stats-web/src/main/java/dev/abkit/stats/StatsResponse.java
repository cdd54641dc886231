package dev.abkit.stats;

import dev.abkit.core.port.in.StatisticsReport;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StatisticsReport.OptionFigures;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.Lifecycle;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/v1/stats}, shaped as SPEC section 3 shows it. Weights and shares are
 * JSON numbers (33.3, 0.3333); instants are ISO-8601 UTC strings, formatted here so that no global
 * serde setting can change the wire format.
 */
@Serdeable
public record StatsResponse(long devices, List<ExperimentStats> experiments, String takenAt) {

    static StatsResponse from(StatisticsReport report) {
        return new StatsResponse(report.devices(),
                report.experiments().stream().map(ExperimentStats::from).toList(),
                report.takenAt().toString());
    }

    /**
     * One experiment's figures: how many devices it enrolled, and how many each option received (an
     * enrolled device with a QA override still counts under its slot's option); {@code overridden}: how
     * many devices have a QA override in it, counted apart (R9); {@code coverage}: the share of eligible
     * new devices it enrols (R7), in percent as the admin API shows it; {@code leftOut}: the eligible new
     * devices its coverage left out, not counted in {@code devices}.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ExperimentStats(String key, String status, String createdAt, long devices,
                                  List<OptionStats> options, @Nullable String startAt, @Nullable String endAt,
                                  @Nullable String startedAt, String endAction, @Nullable AudienceStats audience,
                                  long overridden, BigDecimal coverage, long leftOut) {

        static ExperimentStats from(ExperimentFigures figures) {
            Lifecycle lifecycle = figures.lifecycle();
            return new ExperimentStats(figures.key().value(), figures.status().name(), figures.createdAt().toString(),
                    figures.devices(), figures.options().stream().map(OptionStats::from).toList(),
                    text(lifecycle.startAt()), text(lifecycle.endAt()), text(lifecycle.startedAt()),
                    lifecycle.endAction().name(), AudienceStats.from(figures.audience()), figures.overridden(),
                    figures.coverage().percent(), figures.leftOut());
        }

        private static String text(Instant instant) {
            return instant == null ? null : instant.toString();
        }
    }

    /**
     * The new devices an experiment may enrol, as the admin API shows it: every member present, null
     * where it sets no rule; the whole audience null for an experiment open to every device.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AudienceStats(@Nullable List<String> platforms, @Nullable String minAppVersion,
                                @Nullable String maxAppVersion, @Nullable List<String> locales,
                                @Nullable List<String> countries, boolean includeUnknown) {

        static AudienceStats from(Audience audience) {
            if (audience.isEveryone()) {
                return null;
            }
            return new AudienceStats(texts(audience.platforms()), text(audience.minAppVersion()),
                    text(audience.maxAppVersion()), texts(audience.locales()), texts(audience.countries()),
                    audience.includeUnknown());
        }

        private static List<String> texts(List<?> values) {
            return values == null ? null : values.stream().map(Object::toString).toList();
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }

    /** {@code share} is the option's part of the experiment's devices, with four decimals: 0.3333. */
    @Serdeable
    public record OptionStats(String value, BigDecimal weight, long devices, BigDecimal share) {

        static OptionStats from(OptionFigures figures) {
            return new OptionStats(figures.value(), figures.weight().value(), figures.devices(), figures.share());
        }
    }
}
