package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.SlotCounters;
import dev.abkit.core.testing.Concurrently;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;

class DeviceEnrollmentServiceTest {

    private static final ExperimentKey BUTTON_COLOR = ShippedExperiments.BUTTON_COLOR.key();
    private static final ExperimentKey PRICE = ShippedExperiments.PRICE.key();

    private final TickingClock clock = new TickingClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
    private final AbKit abkit;

    DeviceEnrollmentServiceTest() {
        experiments.addShipped();
        abkit = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .clock(clock).seeds(() -> 1234L).build();
    }

    private List<Assignment> ask(String token) {
        return abkit.experimentsForDevice().experimentsFor(DeviceToken.of(token));
    }

    private static Map<String, String> asMap(List<Assignment> assignments) {
        return assignments.stream().collect(Collectors.toMap(a -> a.experiment().value(), Assignment::value,
                (a, b) -> { throw new AssertionError("duplicate key"); }, java.util.LinkedHashMap::new));
    }

    @Test
    void r5_a_new_device_gets_both_shipped_experiments_in_creation_order() {
        List<Assignment> answer = ask("first-device");

        assertThat(answer).extracting(Assignment::experiment).containsExactly(BUTTON_COLOR, PRICE);
        assertThat(answer.get(0).value()).isIn("#FF0000", "#00FF00", "#0000FF");
        assertThat(answer.get(1).value()).isIn("10", "20", "50", "5");
    }

    @Test
    void r1_a_device_keeps_its_values_on_every_later_request() {
        List<Assignment> first = ask("sticky");
        for (int i = 0; i < 500; i++) {
            ask("other-" + i);
        }
        clock.advance(Duration.ofDays(30));

        for (int i = 0; i < 20; i++) {
            assertThat(ask("sticky")).isEqualTo(first);
        }
    }

    @Test
    void r1_stopping_an_experiment_removes_its_key_and_changes_nothing_else() {
        Map<String, String> before = asMap(ask("stopper"));

        abkit.stopExperiment().stop(ADMIN, BUTTON_COLOR);

        Map<String, String> after = asMap(ask("stopper"));
        assertThat(after).doesNotContainKey("button_color").containsEntry("price", before.get("price")).hasSize(1);
        assertThat(asMap(ask("new-after-stop"))).containsOnlyKeys("price");
    }

    @Test
    void r2_a_device_never_joins_an_experiment_created_after_its_first_request() {
        ask("early");
        clock.advance(Duration.ofMinutes(1));
        abkit.createExperiment().create(ADMIN, new NewExperiment(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50))));

        for (int i = 0; i < 10; i++) {
            assertThat(asMap(ask("early"))).containsOnlyKeys("button_color", "price");
        }
        assertThat(asMap(ask("late"))).containsOnlyKeys("button_color", "price", "onboarding");
    }

    @Test
    void r3_six_hundred_new_devices_split_exactly_by_the_weights() {
        for (int i = 0; i < 600; i++) {
            ask("device-" + i);
        }

        assertThat(countsOf(BUTTON_COLOR, 600)).containsExactly(
                Map.entry("#0000FF", 200L), Map.entry("#00FF00", 200L), Map.entry("#FF0000", 200L));
        assertThat(countsOf(PRICE, 600)).containsExactly(
                Map.entry("10", 450L), Map.entry("20", 60L), Map.entry("5", 60L), Map.entry("50", 30L));
    }

    @Test
    void r3_six_hundred_devices_from_32_threads_still_split_exactly() throws Exception {
        List<List<Assignment>> answers = Concurrently.run(32, 600, i -> ask("parallel-" + i));

        assertThat(answers).allSatisfy(answer -> assertThat(answer).hasSize(2));
        Map<String, Long> colors = tally(answers, BUTTON_COLOR);
        Map<String, Long> prices = tally(answers, PRICE);
        assertThat(colors).containsExactly(Map.entry("#0000FF", 200L), Map.entry("#00FF00", 200L), Map.entry("#FF0000", 200L));
        assertThat(prices).containsExactly(Map.entry("10", 450L), Map.entry("20", 60L), Map.entry("5", 60L), Map.entry("50", 30L));
        assertThat(countsOf(BUTTON_COLOR, 600)).isEqualTo(colors);
    }

    @Test
    void r4_fifty_concurrent_first_requests_of_one_device_register_it_once_with_one_answer() throws Exception {
        List<List<Assignment>> answers = Concurrently.run(50, 50, i -> ask("same-device"));

        assertThat(new HashSet<>(answers)).hasSize(1);
        assertThat(devices.registeredDevices()).isEqualTo(1);
        assertThat(countsOf(BUTTON_COLOR, 1).values()).containsExactly(1L);
        assertThat(countsOf(PRICE, 1).values()).containsExactly(1L);
    }

    @Test
    void r6_a_registration_that_fails_midway_leaves_no_device_behind() {
        SlotCounters failingOnPrice = keys -> {
            if (keys.contains(PRICE)) {
                throw new IllegalStateException("slot store failed");
            }
            return new long[keys.size()];
        };
        InMemoryDevices fragile = new InMemoryDevices(experiments, failingOnPrice);
        AbKit failing = AbKit.builder().experiments(experiments).devices(fragile).enrollmentCounts(fragile)
                .clock(clock).build();

        assertThatThrownBy(() -> failing.experimentsForDevice().experimentsFor(DeviceToken.of("half")))
                .hasMessage("slot store failed");

        assertThat(fragile.find(DeviceToken.of("half"))).isEmpty();
        assertThat(fragile.registeredDevices()).isZero();
        assertThat(fragile.optionCounts()).isEmpty();
    }

    @Test
    void a_device_stores_its_first_seen_instant_and_only_the_experiments_running_then() {
        abkit.stopExperiment().stop(ADMIN, PRICE);
        clock.advance(Duration.ofSeconds(5));

        ask("watched");

        var device = devices.find(DeviceToken.of("watched")).orElseThrow();
        assertThat(device.firstSeen()).isEqualTo(clock.instant());
        assertThat(device.assignments()).extracting(Assignment::experiment).containsExactly(BUTTON_COLOR);
    }

    @Test
    void a_returning_device_does_not_take_slots() {
        AtomicInteger taken = new AtomicInteger();
        InMemorySlotCounters real = new InMemorySlotCounters();
        InMemoryDevices counted = new InMemoryDevices(experiments, keys -> {
            taken.addAndGet(keys.size());
            return real.takeEach(keys);
        });
        AbKit kit = AbKit.builder().experiments(experiments).devices(counted).enrollmentCounts(counted).clock(clock).build();

        for (int i = 0; i < 10; i++) {
            kit.experimentsForDevice().experimentsFor(DeviceToken.of("once"));
        }

        assertThat(taken).hasValue(2);
    }

    @Test
    void a_new_device_takes_the_slots_of_all_running_experiments_in_one_call() {
        SlotCounters slots = mock(SlotCounters.class);
        given(slots.takeEach(anyList())).willReturn(new long[] {0, 0});
        InMemoryDevices watched = new InMemoryDevices(experiments, slots);
        AbKit kit = AbKit.builder().experiments(experiments).devices(watched).enrollmentCounts(watched).clock(clock).build();

        kit.experimentsForDevice().experimentsFor(DeviceToken.of("new"));

        then(slots).should().takeEach(List.of(BUTTON_COLOR, PRICE));
        then(slots).shouldHaveNoMoreInteractions();
    }

    @Test
    void a_device_enrolled_from_a_newer_set_than_a_lagging_port_is_served_that_set_from_then_on() {
        RunningExperiments before = experiments.running();
        Experiments lagging = mock(Experiments.class, delegatesTo(experiments));
        willReturn(before).given(lagging).running();
        AbKit kit = AbKit.builder().experiments(lagging).devices(devices).enrollmentCounts(devices).clock(clock).build();
        abkit.createExperiment().create(ADMIN, new NewExperiment(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50))));

        List<Assignment> first = kit.experimentsForDevice().experimentsFor(DeviceToken.of("late"));
        List<Assignment> again = kit.experimentsForDevice().experimentsFor(DeviceToken.of("late"));

        assertThat(first).extracting(Assignment::experiment)
                .containsExactly(BUTTON_COLOR, PRICE, ExperimentKey.of("onboarding"));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void a_remembered_returning_device_is_answered_without_touching_either_port() {
        Experiments watchedExperiments = mock(Experiments.class, delegatesTo(experiments));
        Devices watchedDevices = mock(Devices.class, delegatesTo(devices));
        DeviceEnrollmentService service = new DeviceEnrollmentService(watchedExperiments, watchedDevices, clock, 1 << 20);
        List<Assignment> first = service.experimentsFor(DeviceToken.of("returning"));
        clearInvocations(watchedExperiments, watchedDevices);

        assertThat(service.experimentsFor(DeviceToken.of("returning"))).isEqualTo(first);
        assertThat(service.fromMemory(DeviceToken.of("returning"))).contains(first);

        then(watchedExperiments).shouldHaveNoInteractions();
        then(watchedDevices).shouldHaveNoInteractions();
    }

    @Test
    void an_answer_from_memory_never_touches_a_port_and_is_empty_for_a_device_not_remembered() {
        Experiments watchedExperiments = mock(Experiments.class, delegatesTo(experiments));
        Devices watchedDevices = mock(Devices.class, delegatesTo(devices));
        DeviceEnrollmentService service = new DeviceEnrollmentService(watchedExperiments, watchedDevices, clock, 1 << 20);

        assertThat(service.fromMemory(DeviceToken.of("unknown"))).isEmpty();
        service.experimentsFor(DeviceToken.of("known"));
        clearInvocations(watchedExperiments, watchedDevices);
        assertThat(service.fromMemory(DeviceToken.of("still-unknown"))).isEmpty();

        then(watchedExperiments).shouldHaveNoInteractions();
        then(watchedDevices).shouldHaveNoInteractions();
    }

    @Test
    void a_device_found_in_storage_is_remembered_from_then_on() {
        ask("registered-before");
        Devices watchedDevices = mock(Devices.class, delegatesTo(devices));
        DeviceEnrollmentService fresh = new DeviceEnrollmentService(experiments, watchedDevices, clock, 1 << 20);

        List<Assignment> found = fresh.experimentsFor(DeviceToken.of("registered-before"));
        assertThat(fresh.fromMemory(DeviceToken.of("registered-before"))).contains(found);

        then(watchedDevices).should().find(DeviceToken.of("registered-before"));
        then(watchedDevices).shouldHaveNoMoreInteractions();
        assertThat(found).isEqualTo(ask("registered-before"));
    }

    @Test
    void a_stop_through_the_same_abkit_reaches_remembered_devices_at_once() {
        AbKit remembering = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .clock(clock).rememberDevices(1 << 20).build();
        DeviceToken token = DeviceToken.of("remembered");
        assertThat(remembering.experimentsForDevice().experimentsFor(token)).hasSize(2);

        remembering.stopExperiment().stop(ADMIN, PRICE);

        assertThat(remembering.experimentsForDevice().fromMemory(token).orElseThrow())
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR);
    }

    @Test
    void a_stop_made_elsewhere_reaches_remembered_devices_with_the_next_refresh() {
        DeviceEnrollmentService service = new DeviceEnrollmentService(experiments, devices, clock, 1 << 20);
        DeviceToken token = DeviceToken.of("remembered");
        assertThat(service.experimentsFor(token)).hasSize(2);

        audited(experiments).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped()); // as another instance on the same store
        assertThat(service.fromMemory(token).orElseThrow()).as("until the refresh").hasSize(2);
        service.refreshRunningExperiments();

        assertThat(service.fromMemory(token).orElseThrow()).extracting(Assignment::experiment).containsExactly(BUTTON_COLOR);
        assertThat(service.runningExperimentsReadAt()).isEqualTo(clock.instant());
    }

    @Test
    void a_closed_experiment_is_still_answered_from_memory_to_its_enrolled_devices_and_joined_by_no_new_one() {
        AbKit remembering = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .clock(clock).rememberDevices(1 << 20).build();
        DeviceToken enrolled = DeviceToken.of("enrolled");
        List<Assignment> before = remembering.experimentsForDevice().experimentsFor(enrolled);

        remembering.closeExperiment().close(ADMIN, PRICE);

        assertThat(remembering.experimentsForDevice().fromMemory(enrolled).orElseThrow()).isEqualTo(before);
        assertThat(remembering.experimentsForDevice().experimentsFor(DeviceToken.of("newcomer")))
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR);
        assertThat(countsOf(PRICE, 1)).hasSize(1);
        remembering.stopExperiment().stop(ADMIN, PRICE);
        assertThat(remembering.experimentsForDevice().fromMemory(enrolled).orElseThrow())
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR);
    }

    private Map<String, Long> countsOf(ExperimentKey experiment, long expectedTotal) {
        Map<String, Long> counts = devices.optionCounts().stream()
                .filter(count -> count.experiment().equals(experiment))
                .collect(Collectors.toMap(c -> c.value(), c -> c.devices(), Long::sum, TreeMap::new));
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(expectedTotal);
        return counts;
    }

    private static Map<String, Long> tally(List<List<Assignment>> answers, ExperimentKey experiment) {
        return answers.stream().flatMap(List::stream)
                .filter(a -> a.experiment().equals(experiment))
                .collect(Collectors.groupingBy(Assignment::value, TreeMap::new, Collectors.counting()));
    }

}
