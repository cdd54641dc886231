package dev.abkit.core.contract;

import dev.abkit.core.AbKit;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.ExposureInput;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.DayCounts;
import dev.abkit.core.port.out.EventStore.DayFigures;
import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.core.results.SlotsHandedOut;
import dev.abkit.core.testing.Concurrently;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link EventStore} must do, the same way: the in-memory store is the reference, and each adapter module
 * extends this class once per database with {@link #freshEventStorage()}. Devices are registered for real, through
 * the core on the store's own ports, with a clock the test moves; every outcome is read back through
 * {@link EventStore#figures} (or {@code daily}, {@code metricsOf}), as results read it.
 * <p>
 * Times are whole microseconds, the finest a database column keeps: window edges are checked one microsecond apart.
 * Values are multiples of 0.25, whose sums are exact in any order, so figures are compared exactly.
 */
public abstract class EventStoreContract {

    protected static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");
    private static final Duration MICRO = Duration.ofNanos(1_000);
    /** Every request is received then: event times up to 20 days after NOW and 10 before it are accepted as sent. */
    private static final Instant RECEIVED = NOW.plus(Duration.ofDays(20));
    private static final ExperimentKey CHECKOUT = ExperimentKey.of("checkout");
    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final MetricName SIGNUP = MetricName.of("signup");
    private static final Optional<Instant> OPEN = Optional.empty();
    private static final Instant FAR_FUTURE = Instant.parse("3000-01-01T00:00:00Z");

    private EventStoragePorts ports;
    private TickingClock clock;
    private AbKit kit;

    /** A fresh store, as a fresh install has it (the shipped experiments, no device, no event). */
    protected abstract EventStoragePorts freshEventStorage();

    @BeforeEach
    void openFreshStorage() {
        ports = freshEventStorage();
        clock = new TickingClock(NOW);
        kit = AbKit.builder().experiments(ports.experiments()).devices(ports.devices())
                .enrollmentCounts(UnusedEnrollmentCounts.INSTANCE).clock(clock).seeds(() -> 14).build();
        create(new NewExperiment(CHECKOUT, List.of(Option.of("a", 1), Option.of("b", 1))));
    }

    // --- exactly once ---------------------------------------------------------------------------

    @Test
    void an_event_is_stored_and_counted_once_whatever_the_retries() {
        Device device = register("d-1");
        Instant at = later(Duration.ofMinutes(1));

        assertThat(send(device, event("e-1", PURCHASE, at, 1.0), event("e-2", PURCHASE, at, 2.0))).isZero();
        assertThat(send(device, event("e-1", PURCHASE, at, 1.0), event("e-2", PURCHASE, at, 2.0))).isEqualTo(2);
        assertThat(send(device, event("e-2", PURCHASE, at, 2.0), event("e-3", PURCHASE, at, 4.0))).isEqualTo(1);
        assertThat(send(device, event("e-1", PURCHASE, at, 64.0))).as("an id again is the event kept, whatever it says")
                .isEqualTo(1);
        Device other = register("d-2");
        assertThat(send(other, event("e-1", PURCHASE, later(Duration.ofMinutes(1)), 8.0))).as("ids are per device")
                .isZero();

        assertThat(total(wholeLife(PURCHASE))).isEqualTo(new OptionFigures(2, 0, 2, 15, 49 + 64));
    }

    @Test
    void an_id_repeated_within_a_batch_is_the_batchs_own_duplicate_and_not_one_stored_before() {
        Device device = register("d-1");
        Instant at = later(Duration.ofMinutes(1));

        assertThat(send(device, event("e-1", PURCHASE, at, 1.0), event("e-2", PURCHASE, at, 2.0),
                event("e-1", PURCHASE, at, 1.0))).as("the batch counts its repeat itself (EventBatch.duplicates)").isZero();
        assertThat(send(device, event("e-1", PURCHASE, at, 1.0), event("e-1", PURCHASE, at, 1.0)))
                .as("stored before: the one event the batch keeps").isEqualTo(1);
    }

    @Test
    void the_same_batch_from_eight_threads_at_once_is_stored_once() throws Exception {
        Device device = register("d-1");
        Instant at = later(Duration.ofMinutes(1));
        EventInput[] inputs = IntStream.range(0, 100)
                .mapToObj(i -> event("c-" + i, PURCHASE, at.plus(MICRO.multipliedBy(i)), 0.25)).toArray(EventInput[]::new);

        List<Integer> storedBefore = Concurrently.run(8, 8, i -> send(device, inputs));

        assertThat(storedBefore.stream().mapToInt(duplicates -> 100 - duplicates).sum())
                .as("new events over all the requests").isEqualTo(100);
        assertThat(storedBefore).allSatisfy(duplicates -> assertThat(duplicates).isBetween(0, 100));
        assertThat(total(wholeLife(PURCHASE))).isEqualTo(new OptionFigures(1, 0, 1, 25, 625));
        assertThat(send(device, inputs)).isEqualTo(100);
    }

    // --- which devices and events count ------------------------------------------------------------

    @Test
    void events_before_the_devices_assignment_are_never_counted() {
        Device early = register("early");
        send(early, event("e-1", PURCHASE, early.firstSeen().minus(MICRO), 1.0));
        clock.advance(Duration.ofMinutes(1));
        Device exact = register("exact");
        send(exact, event("e-1", PURCHASE, exact.firstSeen(), 2.0));
        Device idle = register("idle");

        MetricFigures figures = wholeLife(PURCHASE);

        assertThat(assigned(figures)).isEqualTo(perOption(checkout(), early, exact, idle));
        assertThat(conversions(figures)).isEqualTo(perOption(checkout(), exact));
        assertThat(total(figures)).isEqualTo(new OptionFigures(3, 0, 1, 2, 4));
    }

    @Test
    void devices_not_in_the_experiment_or_left_out_by_its_coverage_are_never_counted() {
        Device outsider = register("outsider");
        ExperimentKey partial = ExperimentKey.of("partial");
        create(new NewExperiment(partial, List.of(Option.of("a", 1), Option.of("b", 1))).withCoverage(
                Coverage.percent("50")));
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            devices.add(register("d-" + i));
        }
        devices.add(outsider);
        for (Device device : devices) {
            send(device, event("e-1", PURCHASE, later(Duration.ofMinutes(1)), 1.0));
        }
        Device[] enrolled = devices.stream().filter(device -> device.valueIn(partial).isPresent())
                .toArray(Device[]::new);
        assertThat(enrolled.length).as("the coverage leaves some devices out and enrols others").isBetween(1, 19);
        Experiment experiment = ports.experiments().find(partial).orElseThrow();

        MetricFigures figures = ports.events().figures(scope(experiment, PURCHASE, OPEN, OPEN, false, Set.of()));

        assertThat(assigned(figures)).isEqualTo(perOption(experiment, enrolled));
        assertThat(conversions(figures)).isEqualTo(perOption(experiment, enrolled));
        assertThat(total(figures).sum()).isEqualTo(enrolled.length);
    }

    @Test
    void excluded_devices_never_count_and_those_holding_a_slot_are_the_overridden_ones() {
        Device first = register("d-1");
        Device second = register("d-2");
        clock.advance(Duration.ofMinutes(1));
        Device overridden = register("qa-1");
        for (Device device : List.of(first, second, overridden)) {
            send(device, event("e-1", PURCHASE, later(Duration.ofMinutes(1)), 1.0));
        }
        Set<DeviceToken> excluded = Set.of(overridden.token(), DeviceToken.of("never-registered"));

        MetricFigures figures = figures(PURCHASE, OPEN, OPEN, false, excluded);
        MetricFigures beforeIt = figures(PURCHASE, OPEN, Optional.of(overridden.firstSeen()), false, excluded);
        MetricFigures exposed = figures(PURCHASE, OPEN, OPEN, true, excluded);

        assertThat(assigned(figures)).isEqualTo(perOption(checkout(), first, second));
        assertThat(conversions(figures)).isEqualTo(perOption(checkout(), first, second));
        SlotsHandedOut allocation = SlotsHandedOut.hiding(perOption(checkout(), first, second), 1);
        assertThat(figures.slots()).as("the overridden device's slot hidden").isEqualTo(allocation);
        assertThat(beforeIt.slots()).as("the whole allocation, whatever the window's end").isEqualTo(allocation);
        assertThat(exposed.slots()).as("exposed or not").isEqualTo(allocation);
    }

    @Test
    void the_window_includes_its_start_and_excludes_its_end_to_the_microsecond() {
        Device[] devices = {register("d-1"), register("d-2"), register("d-3"), register("d-4")};
        Instant from = later(Duration.ofHours(1));
        Instant to = from.plus(Duration.ofHours(1));
        send(devices[0], event("e-1", PURCHASE, from.minus(MICRO), 1.0));
        send(devices[1], event("e-1", PURCHASE, from, 2.0));
        send(devices[2], event("e-1", PURCHASE, to.minus(MICRO), 4.0));
        send(devices[3], event("e-1", PURCHASE, to, 8.0));

        MetricFigures window = figures(PURCHASE, Optional.of(from), Optional.of(to), false, Set.of());
        MetricFigures fromOnly = figures(PURCHASE, Optional.of(from), OPEN, false, Set.of());
        MetricFigures toOnly = figures(PURCHASE, OPEN, Optional.of(to), false, Set.of());

        assertThat(conversions(window)).isEqualTo(perOption(checkout(), devices[1], devices[2]));
        assertThat(total(window)).isEqualTo(new OptionFigures(4, 0, 2, 6, 4 + 16));
        assertThat(total(fromOnly)).isEqualTo(new OptionFigures(4, 0, 3, 14, 4 + 16 + 64));
        assertThat(total(toOnly)).isEqualTo(new OptionFigures(4, 0, 3, 7, 1 + 4 + 16));
    }

    @Test
    void devices_assigned_at_or_after_the_windows_end_are_not_counted() {
        Device device = register("d-1");
        send(device, event("e-1", PURCHASE, device.firstSeen(), 1.0));
        clock.advance(Duration.ofHours(1));
        register("d-2");

        MetricFigures atAssignment = figures(PURCHASE, OPEN, Optional.of(device.firstSeen()), false, Set.of());
        MetricFigures justAfter = figures(PURCHASE, OPEN, Optional.of(device.firstSeen().plus(MICRO)), false,
                Set.of());

        assertThat(total(atAssignment)).isEqualTo(new OptionFigures(0, 0, 0, 0, 0));
        assertThat(assigned(justAfter)).isEqualTo(perOption(checkout(), device));
        assertThat(total(justAfter)).isEqualTo(new OptionFigures(1, 0, 1, 1, 1));
    }

    // --- exposures --------------------------------------------------------------------------------

    @Test
    void exposed_devices_count_from_their_earliest_exposure_or_their_assignment_whichever_is_later() {
        Device late = register("late");
        Device early = register("early");
        Device unexposed = register("unexposed");
        Device elsewhere = register("elsewhere");
        Instant shown = late.firstSeen().plus(Duration.ofHours(1));
        expose(late, CHECKOUT, shown.plus(Duration.ofHours(1)));
        expose(late, CHECKOUT, shown);
        expose(late, CHECKOUT, shown.plus(Duration.ofHours(2)));
        expose(early, CHECKOUT, early.firstSeen().minus(Duration.ofHours(1)));
        expose(elsewhere, ShippedExperiments.PRICE.key(), elsewhere.firstSeen());
        send(late, event("e-1", PURCHASE, shown.minus(MICRO), 1.0), event("e-2", PURCHASE, shown, 2.0));
        send(early, event("e-1", PURCHASE, early.firstSeen().minus(MICRO), 4.0),
                event("e-2", PURCHASE, early.firstSeen(), 8.0));
        send(unexposed, event("e-1", PURCHASE, later(Duration.ofHours(3)), 16.0));
        send(elsewhere, event("e-1", PURCHASE, later(Duration.ofHours(3)), 32.0));

        MetricFigures exposed = figures(PURCHASE, OPEN, OPEN, true, Set.of());
        MetricFigures all = wholeLife(PURCHASE);
        MetricFigures shownAtTheEnd = figures(PURCHASE, OPEN, Optional.of(shown), true, Set.of());

        assertThat(assigned(exposed)).isEqualTo(perOption(checkout(), late, early, unexposed, elsewhere));
        assertThat(exposedCounts(exposed)).isEqualTo(perOption(checkout(), late, early));
        assertThat(conversions(exposed)).isEqualTo(perOption(checkout(), late, early));
        assertThat(total(exposed)).isEqualTo(new OptionFigures(4, 2, 2, 10, 4 + 64));
        assertThat(total(all)).isEqualTo(new OptionFigures(4, 0, 4, 1 + 2 + 8 + 16 + 32, 9 + 64 + 256 + 1024));
        assertThat(exposedCounts(shownAtTheEnd)).as("an exposure at the window's end is after it")
                .isEqualTo(perOption(checkout(), early));
    }

    @Test
    void an_exposure_before_the_events_counts_those_from_it_on() {
        Device device = register("d-1");
        register("unexposed");
        Instant shown = later(Duration.ofHours(1));
        expose(device, CHECKOUT, shown);
        send(device, event("e-1", PURCHASE, shown.minus(MICRO), 1.0), event("e-2", PURCHASE, shown, 2.0),
                event("e-3", PURCHASE, shown.plus(Duration.ofHours(1)), 4.0), event("e-4", PURCHASE, shown, null));

        MetricFigures exposed = exposedWholeLife(PURCHASE, Set.of());

        assertThat(total(exposed)).isEqualTo(new OptionFigures(2, 1, 1, 6, 36));
        assertThat(exposed.hasValues()).isTrue();
        assertThat(exposed).as("the same asked as a window").isEqualTo(exposedAsWindow(PURCHASE, Set.of()));
    }

    @Test
    void an_exposure_that_arrives_after_the_events_or_moves_earlier_brings_the_events_since_into_the_count() {
        Device device = register("d-1");
        Instant start = later(Duration.ofHours(1));
        send(device, event("e-1", PURCHASE, start.plus(Duration.ofMinutes(10)), 1.0),
                event("e-2", PURCHASE, start.plus(Duration.ofHours(2)), 2.0),
                event("e-3", SIGNUP, start.plus(Duration.ofHours(3)), null));

        expose(device, CHECKOUT, start.plus(Duration.ofHours(4)));
        MetricFigures afterAll = exposedWholeLife(PURCHASE, Set.of());
        expose(device, CHECKOUT, start.plus(Duration.ofHours(2)));
        MetricFigures atTheSecond = exposedWholeLife(PURCHASE, Set.of());
        expose(device, CHECKOUT, start.plus(Duration.ofHours(3)));
        MetricFigures laterAgain = exposedWholeLife(PURCHASE, Set.of());
        expose(device, CHECKOUT, start);
        MetricFigures fromTheStart = exposedWholeLife(PURCHASE, Set.of());

        assertThat(total(afterAll)).isEqualTo(new OptionFigures(1, 1, 0, 0, 0));
        assertThat(total(atTheSecond)).isEqualTo(new OptionFigures(1, 1, 1, 2, 4));
        assertThat(laterAgain).as("a later exposure changes nothing").isEqualTo(atTheSecond);
        assertThat(total(fromTheStart)).isEqualTo(new OptionFigures(1, 1, 1, 3, 9));
        assertThat(fromTheStart).isEqualTo(exposedAsWindow(PURCHASE, Set.of()));
        assertThat(total(exposedWholeLife(SIGNUP, Set.of()))).isEqualTo(new OptionFigures(1, 1, 1, 0, 0));
    }

    @Test
    void an_exposure_before_the_assignment_counts_from_the_assignment_and_earlier_events_never() {
        Device device = register("d-1");
        expose(device, CHECKOUT, device.firstSeen().minus(Duration.ofHours(1)));
        send(device, event("e-1", PURCHASE, device.firstSeen().minus(MICRO), 8.0),
                event("e-2", PURCHASE, device.firstSeen(), 16.0));
        expose(device, CHECKOUT, device.firstSeen().minus(Duration.ofHours(2)));
        Device late = register("d-2");
        send(late, event("e-1", PURCHASE, late.firstSeen().minus(MICRO), 32.0),
                event("e-2", PURCHASE, late.firstSeen().plus(MICRO), 0.25));
        expose(late, CHECKOUT, late.firstSeen().minus(Duration.ofHours(1)));

        MetricFigures exposed = exposedWholeLife(PURCHASE, Set.of());

        assertThat(total(exposed)).isEqualTo(new OptionFigures(2, 2, 2, 16.25, 256 + 0.0625));
        assertThat(exposed).isEqualTo(exposedAsWindow(PURCHASE, Set.of()));
    }

    @Test
    void left_out_and_overridden_devices_never_count_among_the_exposed() {
        ExperimentKey partial = ExperimentKey.of("partial");
        create(new NewExperiment(partial, List.of(Option.of("a", 1), Option.of("b", 1))).withCoverage(
                Coverage.percent("50")));
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            devices.add(register("d-" + i));
        }
        for (Device device : devices) {
            send(device, event("e-1", PURCHASE, later(Duration.ofMinutes(1)), 1.5));
            expose(device, partial, device.firstSeen());
            expose(device, CHECKOUT, device.firstSeen());
        }
        Device[] enrolled = devices.stream().filter(device -> device.valueIn(partial).isPresent()).toArray(Device[]::new);
        assertThat(enrolled.length).as("the coverage leaves some devices out and enrols others").isBetween(2, 11);
        Experiment experiment = ports.experiments().find(partial).orElseThrow();
        Device overridden = enrolled[0];
        Set<DeviceToken> excluded = Set.of(overridden.token());

        MetricFigures exposed = ports.events().figures(scope(experiment, PURCHASE, OPEN, OPEN, true, excluded));
        MetricFigures checkoutExposed = exposedWholeLife(PURCHASE, excluded);

        Device[] counted = Arrays.copyOfRange(enrolled, 1, enrolled.length);
        assertThat(exposedCounts(exposed)).isEqualTo(perOption(experiment, counted));
        assertThat(conversions(exposed)).isEqualTo(perOption(experiment, counted));
        assertThat(total(exposed).sumOfSquares()).isEqualTo(counted.length * 2.25);
        assertThat(exposed.slots().hidden()).isEqualTo(1);
        assertThat(exposed).isEqualTo(ports.events().figures(scope(experiment, PURCHASE, Optional.of(Instant.EPOCH),
                Optional.of(FAR_FUTURE), true, excluded)));
        assertThat(total(checkoutExposed)).isEqualTo(new OptionFigures(11, 11, 11, 11 * 1.5, 11 * 2.25));
        assertThat(checkoutExposed).isEqualTo(exposedAsWindow(PURCHASE, excluded));
    }

    // --- values -----------------------------------------------------------------------------------

    @Test
    void sums_add_each_devices_values_and_squares_square_each_devices_sum() {
        Device first = register("d-1");
        Device second = register("d-2");
        register("d-3");
        Instant at = later(Duration.ofMinutes(1));
        send(first, event("e-1", PURCHASE, at, 1.5), event("e-2", PURCHASE, at, 2.5),
                event("e-3", PURCHASE, at, null), event("e-4", SIGNUP, at, null));
        send(second, event("e-1", PURCHASE, at, 3.0), event("e-2", SIGNUP, second.firstSeen().minus(MICRO), 5.0));

        MetricFigures purchase = wholeLife(PURCHASE);
        MetricFigures signup = wholeLife(SIGNUP);

        assertThat(total(purchase)).isEqualTo(new OptionFigures(3, 0, 2, 7, 16 + 9));
        assertThat(purchase.hasValues()).isTrue();
        assertThat(total(signup)).isEqualTo(new OptionFigures(3, 0, 1, 0, 0));
        assertThat(signup.hasValues()).as("the only value is on an event that does not count").isFalse();
        assertThat(sums(purchase)).isEqualTo(perOptionSums(checkout(), Map.of(first, 4.0, second, 3.0)));
    }

    // --- daily and metrics -------------------------------------------------------------------------

    @Test
    void daily_counts_new_devices_and_first_conversions_per_utc_day_until_the_instant_given() {
        Device first = register("d-1");
        Device second = register("d-2");
        clock.advance(Duration.ofHours(22));
        Device third = register("d-3");
        Device excluded = register("qa-1");
        Instant firstBuys = later(Duration.ofHours(1));
        Instant thirdBuys = later(Duration.ofHours(14));
        send(first, event("e-1", PURCHASE, firstBuys, null), event("e-2", PURCHASE, later(Duration.ofHours(20)), null));
        send(second, event("e-1", PURCHASE, second.firstSeen().minus(MICRO), null),
                event("e-2", SIGNUP, second.firstSeen(), null));
        send(third, event("e-1", PURCHASE, thirdBuys, null));
        send(excluded, event("e-1", PURCHASE, firstBuys, null));
        Instant until = later(Duration.ofHours(15));
        clock.advance(Duration.ofDays(2));
        Device afterwards = register("d-4");
        send(afterwards, event("e-1", PURCHASE, afterwards.firstSeen(), null));

        List<DayFigures> daily = ports.events().daily(checkout(), PURCHASE, Set.of(excluded.token()), until);

        Map<LocalDate, Map<String, DayCounts>> expected = new TreeMap<>();
        count(expected, first.firstSeen(), first, 1, 0);
        count(expected, second.firstSeen(), second, 1, 0);
        count(expected, third.firstSeen(), third, 1, 0);
        count(expected, firstBuys, first, 0, 1);
        count(expected, thirdBuys, third, 0, 1);
        assertThat(nonZero(daily)).isEqualTo(expected);
        assertThat(expected).as("the devices span two days and the conversions two").hasSize(3);
    }

    @Test
    void the_metrics_of_an_experiment_are_those_with_a_counted_event_by_name() {
        Device outsider = register("outsider");
        ExperimentKey other = ExperimentKey.of("other");
        create(new NewExperiment(other, List.of(Option.of("a", 1), Option.of("b", 1))));
        Device first = register("d-1");
        Device second = register("d-2");
        Instant at = later(Duration.ofMinutes(1));
        send(first, event("e-1", PURCHASE, at, null), event("e-2", MetricName.of("add_to_cart"), at, null));
        send(second, event("e-1", SIGNUP, second.firstSeen().minus(MICRO), null));
        send(outsider, event("e-1", MetricName.of("view"), at, null));

        assertThat(ports.events().metricsOf(other)).containsExactly(MetricName.of("add_to_cart"), PURCHASE);
        assertThat(ports.events().metricsOf(CHECKOUT)).as("the outsider is in this one")
                .containsExactly(MetricName.of("add_to_cart"), PURCHASE, MetricName.of("view"));
        assertThat(ports.events().metricsOf(ExperimentKey.of("never"))).isEmpty();
    }

    // --- the randomized cross-check ---------------------------------------------------------------

    /**
     * Events and exposures sent out of order, in batches that overlap, some again: the whole life (which a store may
     * answer from aggregates kept at ingest), the same whole life asked as a window of whole days (which it may answer
     * from aggregates of days), windows with ends to the microsecond (which it may have to scan), all devices and the
     * exposed ones, all equal what the test computes from what it sent.
     */
    @Test
    void random_out_of_order_duplicated_ingestion_gives_the_figures_the_rule_gives() {
        Random random = new Random(20261202);
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            clock.advance(MICRO.multipliedBy(random.nextInt(600_000_000)));
            devices.add(register("r-" + i));
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Device device = devices.get(random.nextInt(devices.size()));
            Instant at = device.firstSeen().plus(MICRO.multipliedBy(random.nextLong(-7_200_000_000L, 18_000_000_000L)));
            Double value = random.nextInt(4) == 0 ? null : random.nextInt(40) * 0.25;
            sent.add(new Sent(device, event("r-" + random.nextInt(120), random.nextBoolean() ? PURCHASE : SIGNUP, at,
                    value)));
        }
        Collections.shuffle(sent, random);
        Map<List<Object>, Sent> kept = new LinkedHashMap<>();
        int accepted = 0;
        for (int start = 0; start < sent.size(); ) {
            int end = Math.min(sent.size(), start + 1 + random.nextInt(12));
            for (Map.Entry<Device, List<Sent>> batch : byDevice(sent.subList(start, end)).entrySet()) {
                int copies = random.nextInt(3) == 0 ? 2 : 1;
                for (int copy = 0; copy < copies; copy++) {
                    EventInput[] inputs = batch.getValue().stream().map(Sent::input).toArray(EventInput[]::new);
                    accepted += (int) Arrays.stream(inputs).map(EventInput::id).distinct().count()
                            - send(batch.getKey(), inputs);
                    batch.getValue().forEach(one -> kept.putIfAbsent(List.of(one.device().token(), one.input().id()), one));
                }
            }
            start = end;
        }
        Map<DeviceToken, Instant> firstExposure = new HashMap<>();
        for (Device device : devices.subList(0, 16)) {
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                Instant at = device.firstSeen().plus(MICRO.multipliedBy(random.nextLong(-3_600_000_000L, 7_200_000_000L)));
                expose(device, CHECKOUT, at);
                firstExposure.merge(device.token(), at, (one, other) -> one.isBefore(other) ? one : other);
            }
        }
        Instant from = NOW.plus(Duration.ofHours(2));
        Instant to = NOW.plus(Duration.ofHours(5));

        assertThat(accepted).as("each event accepted once").isEqualTo(kept.size());
        for (MetricName metric : List.of(PURCHASE, SIGNUP)) {
            MetricFigures wholeLife = wholeLife(metric);
            assertThat(wholeLife).isEqualTo(expected(kept.values(), metric, OPEN, OPEN, Map.of()));
            assertThat(figures(metric, Optional.of(Instant.EPOCH), Optional.of(FAR_FUTURE),
                    false, Set.of())).as("the whole life as a window").isEqualTo(wholeLife);
            assertThat(figures(metric, Optional.of(from), Optional.of(to), false, Set.of()))
                    .isEqualTo(expected(kept.values(), metric, Optional.of(from), Optional.of(to), Map.of()));
            assertThat(figures(metric, OPEN, OPEN, true, Set.of()))
                    .isEqualTo(expected(kept.values(), metric, OPEN, OPEN, firstExposure));
            assertThat(exposedAsWindow(metric, Set.of())).as("the exposed whole life as a window")
                    .isEqualTo(expected(kept.values(), metric, OPEN, OPEN, firstExposure));
            for (int i = 0; i < 6; i++) { // ends to the microsecond, inside a day: what a store may have to scan
                Instant windowFrom = NOW.plus(MICRO.multipliedBy(random.nextLong(-7_200_000_000L, 30_000_000_000L)));
                Instant windowTo = windowFrom.plus(MICRO.multipliedBy(random.nextLong(1, 14_400_000_000L)));
                boolean exposed = i % 2 == 1;
                assertThat(figures(metric, Optional.of(windowFrom), Optional.of(windowTo), exposed, Set.of()))
                        .as("[%s, %s) %s", windowFrom, windowTo, exposed ? "exposed" : "all")
                        .isEqualTo(expected(kept.values(), metric, Optional.of(windowFrom), Optional.of(windowTo),
                                exposed ? firstExposure : Map.of()));
            }
        }
    }

    /** The counting rule of {@link EventStore}, written out once more over what was sent, for the cross-check. */
    private MetricFigures expected(Collection<Sent> kept, MetricName metric, Optional<Instant> from,
                                   Optional<Instant> to, Map<DeviceToken, Instant> exposures) {
        boolean exposed = !exposures.isEmpty();
        Experiment experiment = checkout();
        Map<String, long[]> counts = new HashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        experiment.options().forEach(option -> {
            counts.put(option.value(), new long[3]);
            sums.put(option.value(), new double[2]);
        });
        boolean hasValues = false;
        Map<String, Long> allocated = new HashMap<>();
        experiment.options().forEach(option -> allocated.put(option.value(), 0L));
        for (Device device : registeredDevices(kept)) {
            String value = device.valueIn(CHECKOUT).orElseThrow();
            allocated.merge(value, 1L, Long::sum); // the whole allocation, whatever the window
            if (to.isPresent() && !device.firstSeen().isBefore(to.get())) {
                continue;
            }
            counts.get(value)[0]++;
            Instant start = device.firstSeen();
            if (exposed) {
                Instant exposure = exposures.get(device.token());
                if (exposure == null || to.isPresent() && !exposure.isBefore(to.get())) {
                    continue;
                }
                start = exposure.isAfter(start) ? exposure : start;
                counts.get(value)[1]++;
            }
            boolean converted = false;
            double deviceSum = 0;
            for (Sent one : kept) {
                Instant at = one.input().at();
                if (one.device().token().equals(device.token()) && one.input().name().equals(metric.value())
                        && !at.isBefore(start) && (from.isEmpty() || !at.isBefore(from.get()))
                        && (to.isEmpty() || at.isBefore(to.get()))) {
                    converted = true;
                    if (one.input().value() != null) {
                        hasValues = true;
                        deviceSum += one.input().value();
                    }
                }
            }
            counts.get(value)[2] += converted ? 1 : 0;
            sums.get(value)[0] += deviceSum;
            sums.get(value)[1] += deviceSum * deviceSum;
        }
        Map<String, OptionFigures> options = new HashMap<>();
        counts.forEach((value, c) -> options.put(value,
                new OptionFigures(c[0], c[1], c[2], sums.get(value)[0], sums.get(value)[1])));
        return new MetricFigures(options, SlotsHandedOut.exactly(allocated), hasValues);
    }

    private List<Device> registeredDevices(Collection<Sent> kept) {
        Map<DeviceToken, Device> devices = new LinkedHashMap<>();
        kept.forEach(one -> devices.put(one.device().token(), one.device()));
        for (int i = 0; i < 24; i++) {
            DeviceToken token = DeviceToken.of("r-" + i);
            devices.computeIfAbsent(token, missing -> ports.devices().find(missing).orElseThrow());
        }
        return List.copyOf(devices.values());
    }

    private static Map<Device, List<Sent>> byDevice(List<Sent> sent) {
        Map<Device, List<Sent>> batches = new LinkedHashMap<>();
        sent.forEach(one -> batches.computeIfAbsent(one.device(), device -> new ArrayList<>()).add(one));
        return batches;
    }

    private record Sent(Device device, EventInput input) {
    }

    // --- helpers ----------------------------------------------------------------------------------

    private void create(NewExperiment experiment) {
        kit.createExperiment().create(ADMIN, experiment);
    }

    private Experiment checkout() {
        return ports.experiments().find(CHECKOUT).orElseThrow();
    }

    /** Registers a device through the core, now, then moves the clock on a little. */
    private Device register(String token) {
        kit.experimentsForDevice().experimentsFor(DeviceToken.of(token));
        Device device = ports.devices().find(DeviceToken.of(token)).orElseThrow();
        clock.advance(MICRO.multipliedBy(1_000));
        return device;
    }

    private Instant later(Duration after) {
        return clock.instant().plus(after);
    }

    private static EventInput event(String id, MetricName metric, Instant at, Double value) {
        return new EventInput(id, metric.value(), at, value, null);
    }

    /** @return how many had been stored before */
    private int send(Device device, EventInput... inputs) {
        return ports.events().store(device, EventBatch.of(device.token(), List.of(inputs), Receipt.at(RECEIVED)));
    }

    private void expose(Device device, ExperimentKey experiment, Instant at) {
        ports.events().expose(device, ExposureBatch.of(device.token(),
                List.of(new ExposureInput(experiment.value(), at)), Receipt.at(RECEIVED)));
    }

    private static ResultsScope scope(Experiment experiment, MetricName metric, Optional<Instant> from,
                                      Optional<Instant> to, boolean exposed, Set<DeviceToken> excluded) {
        return new ResultsScope(experiment, metric, from, to, exposed, excluded);
    }

    private MetricFigures figures(MetricName metric, Optional<Instant> from, Optional<Instant> to, boolean exposed,
                                  Set<DeviceToken> excluded) {
        MetricFigures figures = ports.events().figures(scope(checkout(), metric, from, to, exposed, excluded));
        assertThat(figures.options().keySet()).as("every option has its figures").containsExactlyInAnyOrder("a", "b");
        return figures;
    }

    private MetricFigures wholeLife(MetricName metric) {
        return figures(metric, OPEN, OPEN, false, Set.of());
    }

    /** The exposed devices' whole life, which a store may answer from aggregates kept at ingest. */
    private MetricFigures exposedWholeLife(MetricName metric, Set<DeviceToken> excluded) {
        return figures(metric, OPEN, OPEN, true, excluded);
    }

    /** The exposed devices' whole life asked as a window of whole days wider than every time used. */
    private MetricFigures exposedAsWindow(MetricName metric, Set<DeviceToken> excluded) {
        return figures(metric, Optional.of(Instant.EPOCH), Optional.of(FAR_FUTURE), true, excluded);
    }

    /** The options' figures added up: what does not depend on which option a device drew. */
    private static OptionFigures total(MetricFigures figures) {
        long assigned = 0;
        long exposed = 0;
        long conversions = 0;
        double sum = 0;
        double squares = 0;
        for (OptionFigures option : figures.options().values()) {
            assigned += option.assigned();
            exposed += option.exposed();
            conversions += option.conversions();
            sum += option.sum();
            squares += option.sumOfSquares();
        }
        return new OptionFigures(assigned, exposed, conversions, sum, squares);
    }

    /** Per option value of {@code experiment}, how many of {@code devices} it gave that value. */
    private static Map<String, Long> perOption(Experiment experiment, Device... devices) {
        Map<String, Long> counts = new HashMap<>();
        experiment.options().forEach(option -> counts.put(option.value(), 0L));
        for (Device device : devices) {
            counts.merge(device.valueIn(experiment.key()).orElseThrow(), 1L, Long::sum);
        }
        return counts;
    }

    private static Map<String, Double> perOptionSums(Experiment experiment, Map<Device, Double> sums) {
        Map<String, Double> perOption = new HashMap<>();
        experiment.options().forEach(option -> perOption.put(option.value(), 0.0));
        sums.forEach((device, sum) -> perOption.merge(device.valueIn(experiment.key()).orElseThrow(), sum, Double::sum));
        return perOption;
    }

    private static Map<String, Long> assigned(MetricFigures figures) {
        Map<String, Long> counts = new HashMap<>();
        figures.options().forEach((value, option) -> counts.put(value, option.assigned()));
        return counts;
    }

    private static Map<String, Long> exposedCounts(MetricFigures figures) {
        Map<String, Long> counts = new HashMap<>();
        figures.options().forEach((value, option) -> counts.put(value, option.exposed()));
        return counts;
    }

    private static Map<String, Long> conversions(MetricFigures figures) {
        Map<String, Long> counts = new HashMap<>();
        figures.options().forEach((value, option) -> counts.put(value, option.conversions()));
        return counts;
    }

    private static Map<String, Double> sums(MetricFigures figures) {
        Map<String, Double> sums = new HashMap<>();
        figures.options().forEach((value, option) -> sums.put(value, option.sum()));
        return sums;
    }

    private static void count(Map<LocalDate, Map<String, DayCounts>> days, Instant at, Device device, long assigned,
                              long converted) {
        days.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), day -> new HashMap<>())
                .merge(device.valueIn(CHECKOUT).orElseThrow(), new DayCounts(assigned, converted),
                        (one, other) -> new DayCounts(one.assigned() + other.assigned(),
                                one.converted() + other.converted()));
    }

    /** The daily figures without the days and options that have nothing: a store may leave those out. */
    private static Map<LocalDate, Map<String, DayCounts>> nonZero(List<DayFigures> daily) {
        Map<LocalDate, Map<String, DayCounts>> days = new TreeMap<>();
        for (DayFigures day : daily) {
            day.options().forEach((value, counts) -> {
                if (counts.assigned() != 0 || counts.converted() != 0) {
                    assertThat(days.computeIfAbsent(day.day(), d -> new HashMap<>()).put(value, counts))
                            .as("one entry per day and option").isNull();
                }
            });
        }
        return days;
    }
}
