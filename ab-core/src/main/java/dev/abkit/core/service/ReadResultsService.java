package dev.abkit.core.service;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.DayCounts;
import dev.abkit.core.port.out.EventStore.DayFigures;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.results.AssignmentCounts;
import dev.abkit.core.results.Confidence;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.ExperimentTotals;
import dev.abkit.core.results.Interval;
import dev.abkit.core.results.OptionTotals;
import dev.abkit.core.results.Proportion;
import dev.abkit.core.results.ResultsCalculation;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.core.results.SampleSums;
import dev.abkit.core.results.WilsonScore;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An experiment's results, as issue 14 pins them: the store counts (which devices and events count is the rule of
 * {@link EventStore}), this decides what is asked of it (overridden devices never count, R9; a window reaching
 * before the events still kept is refused rather than answered short) and turns the counts into statistics
 * ({@link ResultsCalculation}).
 */
public final class ReadResultsService implements ReadResults {

    private static final OptionFigures NOTHING = new OptionFigures(0, 0, 0, 0, 0);

    private final Experiments experiments;
    private final EventStore events;
    private final Clock clock;

    public ReadResultsService(Experiments experiments, EventStore events, Clock clock) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ExperimentResults results(ResultsQuery query) {
        Experiment experiment = find(query.experiment());
        query.control().ifPresent(control -> requireOption(experiment, control));
        requireKept(experiment, query);
        MetricFigures figures = events.figures(new ResultsScope(experiment, query.metric(), query.from(), query.to(),
                query.exposed(), overriddenIn(experiment.key())));
        List<OptionTotals> totals = new ArrayList<>();
        Map<String, Long> assigned = new LinkedHashMap<>();
        Map<String, Long> exposed = new LinkedHashMap<>();
        for (Option option : experiment.options()) {
            OptionFigures counted = figures.options().getOrDefault(option.value(), NOTHING);
            long devices = query.exposed() ? counted.exposed() : counted.assigned();
            Optional<SampleSums> values = figures.hasValues()
                    ? Optional.of(new SampleSums(devices, counted.sum(), counted.sumOfSquares())) : Optional.empty();
            totals.add(new OptionTotals(option.value(), devices, counted.conversions(), values));
            assigned.put(option.value(), counted.assigned());
            exposed.put(option.value(), counted.exposed());
        }
        AssignmentCounts assignments = new AssignmentCounts(assigned, figures.slots(),
                query.exposed() ? Optional.of(exposed) : Optional.empty());
        return ResultsCalculation.of(new ExperimentTotals(experiment, totals, assignments), query.control());
    }

    @Override
    public ConversionHistory history(ExperimentKey key, MetricName metric) {
        Experiment experiment = find(key);
        Instant now = clock.instant();
        List<DayFigures> daily = events.daily(experiment, metric, overriddenIn(key), now);
        Map<LocalDate, DayFigures> byDay = new HashMap<>();
        daily.forEach(day -> byDay.merge(day.day(), day, (one, other) -> {
            throw new IllegalStateException("the event store answered day " + one.day() + " twice");
        }));
        LocalDate first = daily.stream()
                .filter(day -> day.options().values().stream().anyMatch(counts -> counts.assigned() > 0))
                .map(DayFigures::day).min(LocalDate::compareTo)
                .orElse(LocalDate.ofInstant(startOf(experiment), ZoneOffset.UTC));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<String> options = experiment.options().stream().map(Option::value).toList();
        long[] devices = new long[options.size()];
        long[] conversions = new long[options.size()];
        // Days before the first assignment can hold nothing counted; adding them keeps the totals whole anyway.
        daily.stream().filter(day -> day.day().isBefore(first)).forEach(day -> add(day, options, devices, conversions));
        List<ConversionHistory.Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
            DayFigures figures = byDay.get(day);
            if (figures != null) {
                add(figures, options, devices, conversions);
            }
            List<ConversionHistory.Point> points = new ArrayList<>();
            for (int i = 0; i < options.size(); i++) {
                points.add(point(devices[i], conversions[i]));
            }
            days.add(new ConversionHistory.Day(day, points));
        }
        return new ConversionHistory(key, metric, options, days);
    }

    @Override
    public List<MetricName> metricsOf(ExperimentKey experiment) {
        find(experiment);
        return events.metricsOf(experiment);
    }

    private Experiment find(ExperimentKey key) {
        return experiments.find(key).orElseThrow(() -> new UnknownExperimentException(key));
    }

    private static void requireOption(Experiment experiment, String control) {
        if (experiment.options().stream().noneMatch(option -> option.value().equals(control))) {
            throw new InvalidResultsQueryException("control", "\"" + control + "\" is not an option of experiment "
                    + experiment.key() + "; its options are "
                    + experiment.options().stream().map(Option::value).toList());
        }
    }

    /**
     * Whole-life figures, of every device or of the exposed ones, come from aggregates kept for good; a window needs
     * the events themselves, and an answer that silently left out forgotten ones would look exact and be wrong.
     */
    private void requireKept(Experiment experiment, ResultsQuery query) {
        if (query.isWholeLife()) {
            return;
        }
        Instant start = query.from().orElse(startOf(experiment));
        Instant keptSince = events.eventsKeptSince();
        if (start.isBefore(keptSince)) {
            throw new InvalidResultsQueryException("from", "events before " + keptSince + " are no longer kept one"
                    + " by one, so a window must start at " + keptSince + " or later (it starts at "
                    + start + "); the whole life without a window, exposed or not, is always answered");
        }
    }

    /** When the experiment's devices began to be assigned: its start, or its creation if it never started. */
    private static Instant startOf(Experiment experiment) {
        Instant startedAt = experiment.lifecycle().startedAt();
        return startedAt != null ? startedAt : experiment.createdAt();
    }

    /** R9: an overridden device was shown the value QA chose, not the one its slot gave, so it never counts. */
    private Set<DeviceToken> overriddenIn(ExperimentKey experiment) {
        return experiments.overrides().stream().filter(override -> override.experiment().equals(experiment))
                .map(DeviceOverride::device).collect(Collectors.toSet());
    }

    private static void add(DayFigures day, List<String> options, long[] devices, long[] conversions) {
        for (int i = 0; i < options.size(); i++) {
            DayCounts counts = day.options().get(options.get(i));
            if (counts != null) {
                devices[i] += counts.assigned();
                conversions[i] += counts.converted();
            }
        }
    }

    private static ConversionHistory.Point point(long devices, long conversions) {
        Proportion rate = new Proportion(conversions, devices);
        Optional<Interval> interval = WilsonScore.interval(rate, Confidence.NINETY_FIVE_PERCENT);
        return new ConversionHistory.Point(devices, conversions, rate.rate(),
                interval.map(i -> OptionalDouble.of(i.low())).orElse(OptionalDouble.empty()),
                interval.map(i -> OptionalDouble.of(i.high())).orElse(OptionalDouble.empty()));
    }
}
