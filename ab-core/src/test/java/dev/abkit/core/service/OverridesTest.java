package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidOverrideException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.error.UnknownOverrideException;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.DeviceReport.AssignmentFigures;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StatisticsReport.OptionFigures;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** R9: QA overrides, as the core serves, counts and shows them (in memory, with the memory of returning devices). */
class OverridesTest {

    private static final ExperimentKey BUTTON_COLOR = ShippedExperiments.BUTTON_COLOR.key();
    private static final ExperimentKey PRICE = ShippedExperiments.PRICE.key();
    private static final ExperimentKey ONBOARDING = ExperimentKey.of("onboarding");

    private final TickingClock clock = new TickingClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
    private final AbKit abkit;

    OverridesTest() {
        experiments.addShipped();
        abkit = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .clock(clock).seeds(() -> 1234L).rememberDevices(1 << 20).build();
    }

    private Map<String, String> ask(String token) {
        return asMap(abkit.experimentsForDevice().experimentsFor(DeviceToken.of(token)));
    }

    private Map<String, String> fromMemory(String token) {
        return asMap(abkit.experimentsForDevice().fromMemory(DeviceToken.of(token)).orElseThrow());
    }

    private DeviceOverride override(ExperimentKey experiment, String token, String value) {
        clock.advance(Duration.ofSeconds(1));
        return abkit.overrideDevices().put(ADMIN, experiment, DeviceToken.of(token), value);
    }

    private void removeOverride(ExperimentKey experiment, String token) {
        abkit.overrideDevices().remove(ADMIN, experiment, DeviceToken.of(token));
    }

    private void createDraft() {
        abkit.createExperiment().create(ADMIN, new NewExperiment(ONBOARDING,
                List.of(Option.of("short", "50"), Option.of("long", "50")), true, null, null, EndAction.STOP));
    }

    private static Map<String, String> asMap(List<Assignment> assignments) {
        return assignments.stream().collect(Collectors.toMap(a -> a.experiment().value(), Assignment::value,
                (a, b) -> { throw new AssertionError("duplicate key"); }, LinkedHashMap::new));
    }

    private static String otherThan(String value) {
        return value.equals("20") ? "50" : "20";
    }

    @Test
    void an_enrolled_device_is_served_the_override_from_memory_too_and_its_own_value_again_after_the_delete() {
        Map<String, String> own = ask("qa-phone");
        String forced = otherThan(own.get("price"));

        override(PRICE, "qa-phone", forced);

        assertThat(fromMemory("qa-phone")).containsExactly(Map.entry("button_color", own.get("button_color")),
                Map.entry("price", forced));
        assertThat(ask("qa-phone")).containsEntry("price", forced);
        assertThat(ask("someone-else")).containsOnlyKeys("button_color", "price");

        removeOverride(PRICE, "qa-phone");

        assertThat(fromMemory("qa-phone")).isEqualTo(own);
    }

    @Test
    void an_overridden_enrolled_device_keeps_its_slot_and_is_counted_under_it_and_apart() {
        ask("qa-phone");
        long slot = devices.findWithSlots(DeviceToken.of("qa-phone")).orElseThrow().slotIn(PRICE);
        String own = devices.find(DeviceToken.of("qa-phone")).orElseThrow().valueIn(PRICE).orElseThrow();

        override(PRICE, "qa-phone", otherThan(own));

        List<AssignmentFigures> shown = abkit.findDevice().find(DeviceToken.of("qa-phone")).assignments();
        assertThat(shown).contains(new AssignmentFigures(PRICE, otherThan(own),
                dev.abkit.core.model.ExperimentStatus.RUNNING, slot, true));
        ExperimentFigures price = figuresOf(PRICE);
        assertThat(price.overridden()).isEqualTo(1);
        assertThat(price.devices()).isEqualTo(1);
        assertThat(price.options()).filteredOn(option -> option.value().equals(own))
                .extracting(OptionFigures::devices).containsExactly(1L);
    }

    @Test
    void a_new_overridden_device_takes_no_slot_so_the_split_of_the_others_stays_exact() {
        override(PRICE, "qa-phone", "50");

        assertThat(ask("qa-phone")).containsEntry("price", "50");
        for (int i = 0; i < 20; i++) {
            ask("device-" + i);
        }

        assertThat(devices.find(DeviceToken.of("qa-phone")).orElseThrow().valueIn(PRICE)).isEmpty();
        assertThat(figuresOf(PRICE).options()).extracting(OptionFigures::devices).containsExactly(15L, 2L, 1L, 2L);
        assertThat(abkit.findDevice().find(DeviceToken.of("qa-phone")).assignments())
                .filteredOn(figures -> figures.experiment().equals(PRICE))
                .containsExactly(new AssignmentFigures(PRICE, "50", dev.abkit.core.model.ExperimentStatus.RUNNING, null, true));

        removeOverride(PRICE, "qa-phone");

        assertThat(ask("qa-phone")).containsOnlyKeys("button_color"); // it never joined (R2)
    }

    @Test
    void a_draft_and_a_scheduled_experiment_are_served_to_overridden_devices_only_in_creation_order() {
        ask("qa-phone");
        ask("plain-phone");
        createDraft();

        override(ONBOARDING, "qa-phone", "long");

        assertThat(fromMemory("qa-phone")).containsOnlyKeys("button_color", "price", "onboarding")
                .containsEntry("onboarding", "long");
        assertThat(List.copyOf(fromMemory("qa-phone").keySet())).containsExactly("button_color", "price", "onboarding");
        assertThat(fromMemory("plain-phone")).containsOnlyKeys("button_color", "price");
        assertThat(ask("new-phone")).containsOnlyKeys("button_color", "price");

        abkit.scheduleExperiment().schedule(ADMIN, ONBOARDING, clock.instant().plus(Duration.ofDays(1)), null);

        assertThat(fromMemory("qa-phone")).containsEntry("onboarding", "long");
        assertThat(fromMemory("plain-phone")).containsOnlyKeys("button_color", "price");
    }

    @Test
    void a_stopped_experiment_is_served_to_nobody_overrides_included_and_takes_no_new_override() {
        ask("qa-phone");
        override(BUTTON_COLOR, "qa-phone", "#0000FF");

        abkit.stopExperiment().stop(ADMIN, BUTTON_COLOR);

        assertThat(fromMemory("qa-phone")).containsOnlyKeys("price");
        assertThatThrownBy(() -> override(BUTTON_COLOR, "qa-phone", "#FF0000"))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("STOPPED");
        assertThat(abkit.findDevice().find(DeviceToken.of("qa-phone")).assignments())
                .filteredOn(figures -> figures.experiment().equals(BUTTON_COLOR))
                .extracting(AssignmentFigures::override).containsExactly(false);
    }

    @Test
    void putting_again_replaces_the_value_and_the_list_shows_each_override_once_oldest_first() {
        DeviceOverride first = override(PRICE, "qa-1", "5");
        override(PRICE, "qa-2", "20");
        DeviceOverride replaced = override(PRICE, "qa-1", "50");

        assertThat(abkit.overrideDevices().overridesOf(PRICE)).extracting(DeviceOverride::device, DeviceOverride::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeviceToken.of("qa-2"), "20"),
                        org.assertj.core.groups.Tuple.tuple(DeviceToken.of("qa-1"), "50"));
        assertThat(replaced.createdAt()).isAfter(first.createdAt());
        assertThat(ask("qa-1")).containsEntry("price", "50");
        assertThat(abkit.overrideDevices().overridesOf(BUTTON_COLOR)).isEmpty();
        assertThat(figuresOf(PRICE).overridden()).isEqualTo(2);
    }

    @Test
    void unknown_experiments_values_and_overrides_are_refused() {
        assertThatThrownBy(() -> override(ExperimentKey.of("nope"), "qa", "x")).isInstanceOf(UnknownExperimentException.class);
        assertThatThrownBy(() -> override(PRICE, "qa", "#FF0000")).isInstanceOf(InvalidOverrideException.class);
        assertThatThrownBy(() -> removeOverride(PRICE, "qa")).isInstanceOf(UnknownOverrideException.class);
        assertThatThrownBy(() -> removeOverride(ExperimentKey.of("nope"), "qa")).isInstanceOf(UnknownExperimentException.class);
        assertThatThrownBy(() -> abkit.overrideDevices().overridesOf(ExperimentKey.of("nope")))
                .isInstanceOf(UnknownExperimentException.class);
    }

    @Test
    void a_drafts_new_options_drop_the_overrides_of_values_it_no_longer_has() {
        createDraft();
        override(ONBOARDING, "qa-1", "short");
        override(ONBOARDING, "qa-2", "long");

        abkit.editExperiment().edit(ADMIN, ONBOARDING, ExperimentChanges.none().withOptions(
                List.of(Option.of("short", "50"), Option.of("medium", "50"))));

        assertThat(abkit.overrideDevices().overridesOf(ONBOARDING)).extracting(DeviceOverride::device)
                .containsExactly(DeviceToken.of("qa-1"));
        assertThat(ask("qa-2")).doesNotContainKey("onboarding");
    }

    private ExperimentFigures figuresOf(ExperimentKey key) {
        return abkit.statistics().report().experiments().stream().filter(figures -> figures.key().equals(key))
                .findFirst().orElseThrow();
    }
}
