package dev.abkit.stats;

import dev.abkit.core.model.Audience;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.port.in.StatisticsReport;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StatisticsReport.OptionFigures;
import io.micronaut.core.annotation.Introspected;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * What the {@code stats} template shows: the statistics report with every figure already formatted
 * for display. Nothing is counted here; the only arithmetic is turning shares and weights into
 * percentages for the eye.
 */
@Introspected
public record StatsPage(String devices, Moment takenAt, List<ExperimentSection> experiments) {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int PERCENT_SCALE = 2;

    static StatsPage from(StatisticsReport report) {
        return new StatsPage(count(report.devices()),
                Moment.of(report.takenAt(), DATE_TIME),
                report.experiments().stream().map(ExperimentSection::from).toList());
    }

    /** An instant for a {@code <time>} element: as people read it, and as ISO-8601 for machines. */
    @Introspected
    public record Moment(String text, String iso) {

        static Moment of(Instant instant, DateTimeFormatter format) {
            return new Moment(format.format(instant), instant.toString());
        }
    }

    /**
     * One experiment's section of the table: a heading row of its own, then one row per option.
     * {@code overridden}: the devices with a QA override in it (R9), shown apart; null when none.
     * {@code coverage}: the share of eligible new devices it enrols (R7), null at 100 % (the usual case
     * says nothing); {@code leftOut}: the devices that coverage left out, shown whenever coverage is, or
     * once any were left out (an experiment raised back to 100 % still has them).
     */
    @Introspected
    public record ExperimentSection(String key, String status, boolean running, Moment created, String devices,
                                    List<OptionRow> options, List<ScheduleNote> schedule, String audience,
                                    String overridden, String coverage, String leftOut) {

        static ExperimentSection from(ExperimentFigures figures) {
            return new ExperimentSection(figures.key().value(), figures.status().name(),
                    figures.status() == ExperimentStatus.RUNNING,
                    Moment.of(figures.createdAt(), DATE),
                    count(figures.devices()),
                    figures.options().stream().map(OptionRow::from).toList(),
                    ScheduleNote.of(figures.lifecycle()),
                    audienceText(figures.audience()),
                    figures.overridden() == 0 ? null : count(figures.overridden()),
                    figures.coverage().isFull() ? null : figures.coverage().percent().toPlainString() + "%",
                    figures.coverage().isFull() && figures.leftOut() == 0 ? null : count(figures.leftOut()));
        }

        /** The audience in one line ("ios · app 2.3.0 to below 3.0.0 · unknown excluded"); null for every device. */
        private static String audienceText(Audience audience) {
            if (audience.isEveryone()) {
                return null;
            }
            StringJoiner text = new StringJoiner(" · ");
            if (audience.platforms() != null) {
                text.add(joined(audience.platforms()));
            }
            if (audience.minAppVersion() != null && audience.maxAppVersion() != null) {
                text.add("app " + audience.minAppVersion() + " to below " + audience.maxAppVersion());
            } else if (audience.minAppVersion() != null) {
                text.add("app " + audience.minAppVersion() + " or later");
            } else if (audience.maxAppVersion() != null) {
                text.add("app below " + audience.maxAppVersion());
            }
            if (audience.locales() != null) {
                text.add("locales " + joined(audience.locales()));
            }
            if (audience.countries() != null) {
                text.add("countries " + joined(audience.countries()));
            }
            text.add(audience.includeUnknown() ? "unknown included" : "unknown excluded");
            return text.toString();
        }

        private static String joined(List<?> values) {
            StringJoiner joined = new StringJoiner(", ");
            values.forEach(value -> joined.add(value.toString()));
            return joined.toString();
        }

        /** Where its results view is. */
        public String resultsPath() {
            return ResultsPage.path(key);
        }

        /** The status as a CSS class: running, closed, draft, ... */
        public String statusClass() {
            return status.toLowerCase(Locale.ROOT);
        }
    }

    /** One instant of an experiment's schedule, with what happens then: "started", "starts", "closes", "stops". */
    @Introspected
    public record ScheduleNote(String label, Moment at) {

        static List<ScheduleNote> of(Lifecycle lifecycle) {
            List<ScheduleNote> notes = new ArrayList<>();
            if (lifecycle.startedAt() != null) {
                notes.add(new ScheduleNote("started", Moment.of(lifecycle.startedAt(), DATE_TIME)));
            } else if (lifecycle.startAt() != null) {
                notes.add(new ScheduleNote("starts", Moment.of(lifecycle.startAt(), DATE_TIME)));
            }
            if (lifecycle.endAt() != null && lifecycle.status() != ExperimentStatus.STOPPED) {
                notes.add(new ScheduleNote(lifecycle.endAction() == EndAction.CLOSE ? "closes" : "stops",
                        Moment.of(lifecycle.endAt(), DATE_TIME)));
            }
            return notes;
        }
    }

    /**
     * One option. {@code share} is the actual part of the experiment's devices and {@code target} the
     * part its weight asks for (weights are relative, so 33.3 of 99.9 is 33.33 %); {@code barStyle}
     * hands both to the CSS bar as custom properties.
     */
    @Introspected
    public record OptionRow(String value, String weight, String devices, String share, String target,
                            String barStyle) {

        static OptionRow from(OptionFigures figures) {
            BigDecimal share = asPercent(figures.share());
            BigDecimal target = asPercent(figures.targetShare());
            return new OptionRow(figures.value(), figures.weight().toString(), count(figures.devices()),
                    percent(share), percent(target),
                    "--share:" + share.toPlainString() + "%;--target:" + target.toPlainString() + "%");
        }

        private static BigDecimal asPercent(BigDecimal share) {
            return share.movePointRight(2).setScale(PERCENT_SCALE, RoundingMode.HALF_EVEN);
        }
    }

    private static String percent(BigDecimal percent) {
        return percent.toPlainString() + "%";
    }

    private static String count(long count) {
        return Figures.count(count);
    }
}
