package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Weight;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.StatisticsReport;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StatisticsReport.OptionFigures;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

class StatisticsServiceTest {

    private final TickingClock clock = new TickingClock(Instant.parse("2026-05-05T05:05:05Z"));
    private final AbKit abkit = AbKit.inMemory(clock);

    @Test
    void the_report_counts_what_devices_received_with_exact_shares() {
        for (int i = 0; i < 600; i++) {
            abkit.experimentsForDevice().experimentsFor(DeviceToken.of("d" + i));
        }

        StatisticsReport report = abkit.statistics().report();

        assertThat(report.devices()).isEqualTo(600);
        assertThat(report.takenAt()).isEqualTo(clock.instant());
        assertThat(report.experiments()).extracting(e -> e.key().value()).containsExactly("button_color", "price");
        ExperimentFigures colors = report.experiments().get(0);
        assertThat(colors.devices()).isEqualTo(600);
        assertThat(colors.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(colors.options()).containsExactly(
                new OptionFigures("#FF0000", Weight.of("33.3"), 200, new BigDecimal("0.3333"), new BigDecimal("0.3333")),
                new OptionFigures("#00FF00", Weight.of("33.3"), 200, new BigDecimal("0.3333"), new BigDecimal("0.3333")),
                new OptionFigures("#0000FF", Weight.of("33.3"), 200, new BigDecimal("0.3333"), new BigDecimal("0.3333")));
        assertThat(report.experiments().get(1).options())
                .extracting(OptionFigures::value, OptionFigures::devices, OptionFigures::share)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("10", 450L, new BigDecimal("0.7500")),
                        org.assertj.core.groups.Tuple.tuple("20", 60L, new BigDecimal("0.1000")),
                        org.assertj.core.groups.Tuple.tuple("50", 30L, new BigDecimal("0.0500")),
                        org.assertj.core.groups.Tuple.tuple("5", 60L, new BigDecimal("0.1000")));
        assertThat(report.experiments().get(1).options()).extracting(OptionFigures::targetShare)
                .as("weights are relative: 75/10/5/10 of 100")
                .containsExactly(new BigDecimal("0.7500"), new BigDecimal("0.1000"), new BigDecimal("0.0500"),
                        new BigDecimal("0.1000"));
    }

    @Test
    void experiments_without_devices_show_zeros_and_stopped_ones_stay_listed() {
        abkit.experimentsForDevice().experimentsFor(DeviceToken.of("before"));
        abkit.createExperiment().create(ADMIN, new NewExperiment(ExperimentKey.of("fresh"), List.of(Option.of("x", 1), Option.of("y", 3))));
        abkit.stopExperiment().stop(ADMIN, ExperimentKey.of("price"));

        StatisticsReport report = abkit.statistics().report();

        assertThat(report.devices()).isEqualTo(1);
        assertThat(report.experiments()).extracting(e -> e.key().value()).containsExactly("button_color", "price", "fresh");
        ExperimentFigures price = report.experiments().get(1);
        assertThat(price.status()).isEqualTo(ExperimentStatus.STOPPED);
        assertThat(price.devices()).isEqualTo(1);
        ExperimentFigures fresh = report.experiments().get(2);
        assertThat(fresh.devices()).isZero();
        assertThat(fresh.options()).extracting(OptionFigures::devices, OptionFigures::share)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(0L, new BigDecimal("0.0000")));
    }
}
