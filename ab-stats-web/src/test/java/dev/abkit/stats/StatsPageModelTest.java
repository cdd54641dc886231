package dev.abkit.stats;

import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Platform;
import dev.abkit.core.model.Weight;
import dev.abkit.core.port.in.StatisticsReport;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StatisticsReport.OptionFigures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The view model formats the report's figures for the eye and changes none of them. */
class StatsPageModelTest {

    static final Instant TAKEN = Instant.parse("2026-11-26T23:59:59.123Z");

    @Test
    void large_counts_get_thousands_separators_and_times_are_shown_in_utc() {
        StatsPage page = StatsPage.from(new StatisticsReport(1_234_567, List.of(), TAKEN));

        assertThat(page.devices()).isEqualTo("1,234,567");
        assertThat(page.takenAt().text()).isEqualTo("2026-11-26 23:59:59 UTC");
        assertThat(page.takenAt().iso()).isEqualTo("2026-11-26T23:59:59.123Z");
    }

    @Test
    void shares_and_target_shares_become_percentages() {
        StatsPage page = StatsPage.from(new StatisticsReport(1_000_000, List.of(new ExperimentFigures(
                ExperimentKey.of("button_color"), ExperimentStatus.RUNNING, Instant.parse("2026-01-01T00:00:00Z"),
                1_000_000, List.of(
                        option("#FF0000", "33.3", 333_334, "0.3333", "0.3333"),
                        option("#00FF00", "33.3", 333_333, "0.3333", "0.3333"),
                        option("#0000FF", "33.3", 333_333, "0.3333", "0.3333")),
                Lifecycle.runningSince(Instant.parse("2026-01-01T00:00:00Z")))), TAKEN));

        StatsPage.ExperimentSection section = page.experiments().get(0);
        assertThat(section.devices()).isEqualTo("1,000,000");
        assertThat(section.running()).isTrue();
        assertThat(section.created().text()).isEqualTo("2026-01-01");
        StatsPage.OptionRow first = section.options().get(0);
        assertThat(first.weight()).isEqualTo("33.3");
        assertThat(first.devices()).isEqualTo("333,334");
        assertThat(first.share()).isEqualTo("33.33%");
        assertThat(first.target()).isEqualTo("33.33%");
        assertThat(first.barStyle()).isEqualTo("--share:33.33%;--target:33.33%");
    }

    @Test
    void an_experiment_nobody_is_enrolled_in_shows_empty_bars_with_their_targets() {
        StatsPage page = StatsPage.from(new StatisticsReport(0, List.of(new ExperimentFigures(
                ExperimentKey.of("price"), ExperimentStatus.STOPPED, Instant.parse("2026-01-01T00:00:01Z"), 0,
                List.of(option("10", "75", 0, "0.0000", "0.75"), option("20", "10", 0, "0.0000", "0.1"),
                        option("50", "5", 0, "0.0000", "0.05"), option("5", "10", 0, "0.0000", "0.1")),
                Lifecycle.runningSince(Instant.parse("2026-01-01T00:00:01Z")).withStatus(ExperimentStatus.STOPPED))),
                TAKEN));

        StatsPage.ExperimentSection section = page.experiments().get(0);
        assertThat(section.running()).isFalse();
        assertThat(section.status()).isEqualTo("STOPPED");
        assertThat(section.options()).extracting(StatsPage.OptionRow::share).containsOnly("0.00%");
        assertThat(section.options()).extracting(StatsPage.OptionRow::target)
                .containsExactly("75.00%", "10.00%", "5.00%", "10.00%");
    }

    @Test
    void the_schedule_shows_when_it_started_or_starts_and_when_it_closes_or_stops() {
        Lifecycle scheduled = new Lifecycle(ExperimentStatus.SCHEDULED, Instant.parse("2026-12-24T18:00:00Z"),
                Instant.parse("2026-12-31T00:00:00Z"), null, EndAction.CLOSE);
        Lifecycle running = Lifecycle.runningSince(Instant.parse("2026-12-01T08:30:00Z"))
                .withEnd(Instant.parse("2027-01-01T00:00:00Z"), EndAction.STOP);

        assertThat(StatsPage.ScheduleNote.of(scheduled)).extracting(note -> note.label() + " " + note.at().text())
                .containsExactly("starts 2026-12-24 18:00:00 UTC", "closes 2026-12-31 00:00:00 UTC");
        assertThat(StatsPage.ScheduleNote.of(running)).extracting(note -> note.label() + " " + note.at().iso())
                .containsExactly("started 2026-12-01T08:30:00Z", "stops 2027-01-01T00:00:00Z");
        assertThat(StatsPage.ScheduleNote.of(running.withStatus(ExperimentStatus.STOPPED)))
                .extracting(StatsPage.ScheduleNote::label).containsExactly("started");
    }

    @Test
    void an_audience_is_written_in_one_line_and_an_experiment_for_every_device_has_none() {
        Lifecycle running = Lifecycle.runningSince(Instant.parse("2026-12-01T08:30:00Z"));
        List<OptionFigures> options = List.of(option("a", "1", 0, "0.0000", "1"));
        Audience full = new Audience(List.of(Platform.IOS, Platform.ANDROID), AppVersion.of("2.3.0"),
                AppVersion.of("3.0.0"), List.of(LocaleTag.of("ru")), List.of(CountryCode.of("RU")), true);
        Audience newerOnly = new Audience(null, AppVersion.of("2.3.0"), null, null, null, false);

        StatsPage page = StatsPage.from(new StatisticsReport(0, List.of(
                new ExperimentFigures(ExperimentKey.of("full"), ExperimentStatus.RUNNING, TAKEN, 0, options, running, full),
                new ExperimentFigures(ExperimentKey.of("newer"), ExperimentStatus.RUNNING, TAKEN, 0, options, running,
                        newerOnly),
                new ExperimentFigures(ExperimentKey.of("everyone"), ExperimentStatus.RUNNING, TAKEN, 0, options,
                        running)), TAKEN));

        assertThat(page.experiments()).extracting(StatsPage.ExperimentSection::audience).containsExactly(
                "ios, android · app 2.3.0 to below 3.0.0 · locales ru · countries RU · unknown included",
                "app 2.3.0 or later · unknown excluded",
                null);
    }

    @Test
    void coverage_is_shown_below_100_percent_and_left_out_devices_whenever_there_are_any() {
        List<OptionFigures> options = List.of(option("a", "1", 1_200, "1.0000", "1"));

        StatsPage page = StatsPage.from(new StatisticsReport(13_400, List.of(
                figures("sampled", options, Coverage.percent("33.33"), 10_800),
                figures("sampled_none_yet", options, Coverage.percent("0.5"), 0),
                figures("raised_to_full", options, Coverage.FULL, 10_800),
                figures("everyone", options, Coverage.FULL, 0)), TAKEN));

        assertThat(page.experiments()).extracting(StatsPage.ExperimentSection::coverage)
                .containsExactly("33.33%", "0.5%", null, null);
        assertThat(page.experiments()).extracting(StatsPage.ExperimentSection::leftOut)
                .containsExactly("10,800", "0", "10,800", null);
    }

    private static ExperimentFigures figures(String key, List<OptionFigures> options, Coverage coverage, long leftOut) {
        return new ExperimentFigures(ExperimentKey.of(key), ExperimentStatus.RUNNING, TAKEN, 1_200, options,
                Lifecycle.runningSince(TAKEN), Audience.EVERYONE, 0, coverage, leftOut);
    }

    private static OptionFigures option(String value, String weight, long devices, String share, String target) {
        return new OptionFigures(value, Weight.of(weight), devices, new BigDecimal(share), new BigDecimal(target));
    }
}
