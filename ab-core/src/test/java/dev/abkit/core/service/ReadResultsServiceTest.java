package dev.abkit.core.service;

import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.results.ConversionHistory;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.OptionResult;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.core.results.SlotsHandedOut;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class ReadResultsServiceTest {

    private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");
    private static final ExperimentKey CHECKOUT = ExperimentKey.of("checkout");
    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final Experiment EXPERIMENT = Experiment.start(CHECKOUT,
            List.of(Option.of("control", 1), Option.of("treatment", 1)), START, 14);

    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final CannedEventStore store = new CannedEventStore();
    private final TickingClock clock = new TickingClock(Instant.parse("2026-05-05T10:00:00Z"));
    private final ReadResultsService service = new ReadResultsService(experiments, store, clock);

    ReadResultsServiceTest() {
        experiments.addShipped();
        audited(experiments).add(EXPERIMENT);
        store.figures = new EventStore.MetricFigures(Map.of(
                "control", new EventStore.OptionFigures(100, 40, 10, 25, 100),
                "treatment", new EventStore.OptionFigures(100, 50, 20, 60, 300)),
                SlotsHandedOut.hiding(Map.of("control", 100L, "treatment", 100L), 2), false);
    }

    private static ResultsQuery query(Optional<Instant> from, Optional<Instant> to, boolean exposed) {
        return new ResultsQuery(CHECKOUT, PURCHASE, from, to, exposed, Optional.empty());
    }

    @Test
    void an_unknown_experiment_has_no_results_history_or_metrics() {
        ExperimentKey missing = ExperimentKey.of("missing");

        assertThatThrownBy(() -> service.results(ResultsQuery.wholeLife(missing, PURCHASE)))
                .isInstanceOf(UnknownExperimentException.class);
        assertThatThrownBy(() -> service.history(missing, PURCHASE)).isInstanceOf(UnknownExperimentException.class);
        assertThatThrownBy(() -> service.metricsOf(missing)).isInstanceOf(UnknownExperimentException.class);
        assertThat(store.scopes).isEmpty();
    }

    @Test
    void a_control_that_is_not_an_option_is_refused_by_name_before_the_store_is_asked() {
        ResultsQuery query = new ResultsQuery(CHECKOUT, PURCHASE, Optional.empty(), Optional.empty(), false,
                Optional.of("blue"));

        assertThatThrownBy(() -> service.results(query))
                .isInstanceOfSatisfying(InvalidResultsQueryException.class,
                        e -> assertThat(e.parameter()).isEqualTo("control"))
                .hasMessageContaining("\"blue\"").hasMessageContaining("[control, treatment]");
        assertThat(store.scopes).isEmpty();
    }

    @Test
    void a_chosen_control_is_the_one_compared_with() {
        ExperimentResults results = service.results(new ResultsQuery(CHECKOUT, PURCHASE, Optional.empty(),
                Optional.empty(), false, Optional.of("treatment")));

        assertThat(results.control()).isEqualTo("treatment");
        assertThat(results.options().get(0).difference()).isPresent();
        assertThat(results.options().get(1).difference()).isEmpty();
    }

    @Test
    void a_window_reaching_before_the_events_kept_is_refused_naming_from_while_the_whole_life_exposed_or_not_is_answered() {
        Instant keptSince = Instant.parse("2026-05-03T00:00:00Z");
        store.keptSince = keptSince;

        for (ResultsQuery tooEarly : List.of(
                query(Optional.of(keptSince.minusNanos(1000)), Optional.empty(), false),
                query(Optional.empty(), Optional.of(Instant.parse("2026-05-04T00:00:00Z")), false),
                query(Optional.empty(), Optional.of(Instant.parse("2026-05-04T00:00:00Z")), true))) {
            assertThatThrownBy(() -> service.results(tooEarly))
                    .isInstanceOfSatisfying(InvalidResultsQueryException.class,
                            e -> assertThat(e.parameter()).isEqualTo("from"))
                    .hasMessageContaining(keptSince.toString());
        }
        assertThat(store.scopes).isEmpty();

        service.results(query(Optional.of(keptSince), Optional.empty(), true));
        service.results(ResultsQuery.wholeLife(CHECKOUT, PURCHASE));
        service.results(query(Optional.empty(), Optional.empty(), true)); // the exposed whole life: counters too
        assertThat(store.scopes).hasSize(3);
    }

    @Test
    void the_devices_overridden_in_the_experiment_are_excluded_and_the_query_is_passed_on() {
        audited(experiments).putOverride(new DeviceOverride(CHECKOUT, DeviceToken.of("qa-1"), "treatment", START));
        audited(experiments).putOverride(new DeviceOverride(ShippedExperiments.PRICE.key(), DeviceToken.of("qa-2"), "10",
                START));
        Optional<Instant> from = Optional.of(Instant.parse("2026-05-02T00:00:00Z"));
        Optional<Instant> to = Optional.of(Instant.parse("2026-05-03T00:00:00Z"));

        service.results(query(from, to, true));

        assertThat(store.scopes).singleElement().isEqualTo(
                new EventStore.ResultsScope(EXPERIMENT, PURCHASE, from, to, true, Set.of(DeviceToken.of("qa-1"))));
    }

    @Test
    void devices_are_the_assigned_ones_and_the_sample_ratio_check_has_no_exposures_without_exposed() {
        ExperimentResults results = service.results(ResultsQuery.wholeLife(CHECKOUT, PURCHASE));

        assertThat(results.options()).extracting(OptionResult::devices).containsExactly(100L, 100L);
        assertThat(results.options()).extracting(OptionResult::conversions).containsExactly(10L, 20L);
        assertThat(results.options()).extracting(OptionResult::mean).containsOnly(OptionalDouble.empty());
        assertThat(results.sampleRatio().observed()).isEqualTo(Map.of("control", 100L, "treatment", 100L));
        assertThat(results.sampleRatio().withinOneBlock()).as("2 overridden devices fit exact allocation").isTrue();
        assertThat(results.sampleRatio().chiSquare()).isEmpty();
    }

    @Test
    void with_exposed_the_devices_are_the_exposed_ones_and_their_counts_are_checked_against_the_weights() {
        store.figures = new EventStore.MetricFigures(store.figures.options(),
                SlotsHandedOut.exactly(Map.of("control", 100L, "treatment", 100L)), true);

        ExperimentResults results = service.results(query(Optional.empty(), Optional.empty(), true));

        assertThat(results.options()).extracting(OptionResult::devices).containsExactly(40L, 50L);
        assertThat(results.options().get(0).mean().orElseThrow()).isCloseTo(25.0 / 40, within(1e-12));
        assertThat(results.options().get(1).mean().orElseThrow()).isCloseTo(60.0 / 50, within(1e-12));
        assertThat(results.sampleRatio().observed()).isEqualTo(Map.of("control", 100L, "treatment", 100L));
        // Pearson's chi-square of 40 and 50 against 45 and 45: (25 + 25) / 45.
        assertThat(results.sampleRatio().chiSquare().orElseThrow()).isCloseTo(50.0 / 45, within(1e-12));
    }

    @Test
    void history_is_cumulative_per_day_from_the_first_assignment_to_today_without_gaps() {
        audited(experiments).putOverride(new DeviceOverride(CHECKOUT, DeviceToken.of("qa-1"), "treatment", START));
        store.days = List.of(
                day("2026-05-04", Map.of("control", new EventStore.DayCounts(0, 1),
                        "treatment", new EventStore.DayCounts(1, 1))),
                day("2026-05-02", Map.of("control", new EventStore.DayCounts(2, 0),
                        "treatment", new EventStore.DayCounts(1, 0))));

        ConversionHistory history = service.history(CHECKOUT, PURCHASE);

        assertThat(store.dailyAsked).isEqualTo(List.of(Set.of(DeviceToken.of("qa-1")), clock.instant()));
        assertThat(history.options()).containsExactly("control", "treatment");
        assertThat(history.days()).extracting(ConversionHistory.Day::day).containsExactly(
                LocalDate.parse("2026-05-02"), LocalDate.parse("2026-05-03"), LocalDate.parse("2026-05-04"),
                LocalDate.parse("2026-05-05"));
        assertThat(history.days().get(1).points())
                .extracting(ConversionHistory.Point::devices, ConversionHistory.Point::conversions)
                .as("a day without news carries the day before").containsExactly(tuple(2L, 0L), tuple(1L, 0L));
        ConversionHistory.Point control = history.days().get(3).points().get(0);
        assertThat(control.devices()).isEqualTo(2);
        assertThat(control.conversions()).isEqualTo(1);
        assertThat(control.rate()).hasValue(0.5);
        // Wilson's 95 % interval of 1 in 2 (R: prop.test(1, 2, correct = FALSE)$conf.int): 0.09453121 to 0.90546879.
        assertThat(control.rateLow().orElseThrow()).isCloseTo(0.09453121, within(1e-8));
        assertThat(control.rateHigh().orElseThrow()).isCloseTo(0.90546879, within(1e-8));
        assertThat(history.days().get(3).points().get(1).devices()).isEqualTo(2);
    }

    @Test
    void history_without_assignments_runs_from_the_experiments_start_with_empty_rates() {
        ConversionHistory history = service.history(CHECKOUT, PURCHASE);

        assertThat(history.days()).hasSize(5);
        assertThat(history.days().get(0).day()).isEqualTo(LocalDate.parse("2026-05-01"));
        assertThat(history.days()).flatExtracting(ConversionHistory.Day::points)
                .allSatisfy(point -> {
                    assertThat(point.devices()).isZero();
                    assertThat(point.rate()).isEmpty();
                    assertThat(point.rateLow()).isEmpty();
                });
    }

    @Test
    void metrics_come_from_the_store() {
        store.metrics = List.of(MetricName.of("purchase"), MetricName.of("signup"));

        assertThat(service.metricsOf(CHECKOUT)).isEqualTo(store.metrics);
    }

    private static EventStore.DayFigures day(String day, Map<String, EventStore.DayCounts> options) {
        return new EventStore.DayFigures(LocalDate.parse(day), options);
    }

    /** Answers what it is told to and remembers what it was asked. */
    private static final class CannedEventStore implements EventStore {

        MetricFigures figures;
        List<DayFigures> days = List.of();
        List<MetricName> metrics = List.of();
        Instant keptSince = Instant.MIN;
        final List<ResultsScope> scopes = new ArrayList<>();
        List<Object> dailyAsked;

        @Override
        public int store(Device device, EventBatch batch) {
            throw new UnsupportedOperationException("results never store");
        }

        @Override
        public void expose(Device device, ExposureBatch batch) {
            throw new UnsupportedOperationException("results never store");
        }

        @Override
        public MetricFigures figures(ResultsScope scope) {
            scopes.add(scope);
            return figures;
        }

        @Override
        public List<DayFigures> daily(Experiment experiment, MetricName metric, Set<DeviceToken> excluded,
                                      Instant until) {
            dailyAsked = List.of(excluded, until);
            return days;
        }

        @Override
        public List<MetricName> metricsOf(ExperimentKey experiment) {
            return metrics;
        }

        @Override
        public Instant eventsKeptSince() {
            return keptSince;
        }
    }
}
