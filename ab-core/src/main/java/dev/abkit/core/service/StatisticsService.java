package dev.abkit.core.service;

import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.StatisticsReport;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StatisticsReport.OptionFigures;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.EnrollmentCounts.OptionCount;
import dev.abkit.core.port.out.Experiments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The one way abkit counts: every statistics view, page or JSON, is this report. */
public final class StatisticsService implements ExperimentStatistics {

    private final Experiments experiments;
    private final EnrollmentCounts counts;
    private final Clock clock;

    public StatisticsService(Experiments experiments, EnrollmentCounts counts, Clock clock) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public StatisticsReport report() {
        Map<ExperimentKey, Map<String, Long>> enrolled = new HashMap<>();
        for (OptionCount count : counts.optionCounts()) {
            enrolled.computeIfAbsent(count.experiment(), key -> new HashMap<>()).merge(count.value(), count.devices(), Long::sum);
        }
        Map<ExperimentKey, Long> overridden = new HashMap<>();
        for (DeviceOverride override : experiments.overrides()) {
            overridden.merge(override.experiment(), 1L, Long::sum);
        }
        Map<ExperimentKey, Long> leftOut = counts.leftOutCounts();
        List<ExperimentFigures> figures = new ArrayList<>();
        for (Experiment experiment : experiments.all()) {
            figures.add(figuresOf(experiment, enrolled.getOrDefault(experiment.key(), Map.of()),
                    overridden.getOrDefault(experiment.key(), 0L), leftOut.getOrDefault(experiment.key(), 0L)));
        }
        return new StatisticsReport(counts.registeredDevices(), figures, clock.instant());
    }

    private static ExperimentFigures figuresOf(Experiment experiment, Map<String, Long> perOption, long overridden,
                                               long leftOut) {
        long total = 0;
        long weights = 0;
        for (Option option : experiment.options()) {
            total += perOption.getOrDefault(option.value(), 0L);
            weights += option.weight().hundredths();
        }
        List<OptionFigures> options = new ArrayList<>();
        for (Option option : experiment.options()) {
            long devices = perOption.getOrDefault(option.value(), 0L);
            options.add(new OptionFigures(option.value(), option.weight(), devices, share(devices, total),
                    share(option.weight().hundredths(), weights)));
        }
        return new ExperimentFigures(experiment.key(), experiment.status(), experiment.createdAt(), total, options,
                experiment.lifecycle(), experiment.audience(), overridden, experiment.coverage(), leftOut);
    }

    private static BigDecimal share(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(StatisticsReport.SHARE_SCALE);
        }
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), StatisticsReport.SHARE_SCALE, RoundingMode.HALF_EVEN);
    }
}
