package dev.abkit.core.contract;

import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.CountryCode;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.CoveragePlan;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Lifecycle;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.model.StoredDevice;
import dev.abkit.core.port.out.EnrollmentCounts.OptionCount;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.service.DeviceEnrollmentService;
import dev.abkit.core.testing.Concurrently;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.abkit.core.audit.TestAudit.audited;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every storage adapter must do, the same way: the in-memory adapters are the reference, and
 * each adapter module extends this class once per database. Allocation is real: devices go through
 * the core's {@link DeviceEnrollmentService}, so exact counts prove the slots were exact (R3).
 */
public abstract class StoragePortsContract {

    /** Instants with whole microseconds, the finest a database column keeps. */
    protected static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");
    private static final ExperimentKey BUTTON_COLOR = ShippedExperiments.BUTTON_COLOR.key();
    private static final ExperimentKey PRICE = ShippedExperiments.PRICE.key();

    private StoragePorts ports;

    /** A fresh store, as a fresh install has it: holding exactly the shipped experiments (R5). */
    protected abstract StoragePorts freshStorage();

    /**
     * A second server instance on the same store as {@code first}, with its own connections; an
     * in-memory store has no second instance and may return {@code first} itself.
     */
    protected abstract StoragePorts anotherInstance(StoragePorts first);

    @BeforeEach
    void openFreshStorage() {
        ports = freshStorage();
    }

    // --- experiments ---------------------------------------------------------------------------

    @Test
    void a_fresh_store_holds_exactly_the_shipped_experiments() {
        assertThat(ports.experiments().all()).containsExactlyElementsOf(ShippedExperiments.all());
        assertThat(ports.experiments().running().experiments()).containsExactlyElementsOf(ShippedExperiments.all());
        assertThat(ports.devices().find(DeviceToken.of("nobody"))).isEmpty();
        assertThat(ports.counts().registeredDevices()).isZero();
        assertThat(ports.counts().optionCounts()).isEmpty();
    }

    @Test
    void added_experiments_are_kept_as_given_and_listed_in_creation_order_not_by_timestamp() {
        Experiment backdated = experiment("backdated", Instant.parse("2020-01-01T00:00:00Z"));
        Experiment onboarding = experiment("onboarding", NOW);
        audited(ports.experiments()).add(backdated);
        audited(ports.experiments()).add(onboarding);

        assertThat(ports.experiments().find(backdated.key())).contains(backdated);
        assertThat(ports.experiments().all())
                .containsExactly(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.PRICE, backdated, onboarding);
        assertThat(ports.experiments().find(ExperimentKey.of("unknown"))).isEmpty();
    }

    @Test
    void a_key_is_never_reused_not_even_after_a_stop() {
        audited(ports.experiments()).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped());

        assertThatThrownBy(() -> audited(ports.experiments()).add(experiment(BUTTON_COLOR.value(), NOW)))
                .isInstanceOf(DuplicateExperimentException.class);
        assertThatThrownBy(() -> audited(ports.experiments()).add(experiment(PRICE.value(), NOW)))
                .isInstanceOf(DuplicateExperimentException.class);
        assertThat(ports.experiments().all()).hasSize(2);
    }

    @Test
    void a_stopped_experiment_is_listed_but_no_longer_running() {
        audited(ports.experiments()).replace(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.BUTTON_COLOR.stopped());

        assertThat(ports.experiments().running().experiments()).containsExactly(ShippedExperiments.PRICE);
        assertThat(ports.experiments().all())
                .containsExactly(ShippedExperiments.BUTTON_COLOR.stopped(), ShippedExperiments.PRICE);
        assertThatThrownBy(() -> audited(ports.experiments()).replace(experiment("unknown", NOW), experiment("unknown", NOW).stopped()))
                .isInstanceOf(UnknownExperimentException.class);
    }

    @Test
    void the_first_device_enrolled_into_an_added_experiment_takes_slot_0_then_1() {
        Experiment onboarding = experiment("onboarding", NOW);
        audited(ports.experiments()).add(onboarding);

        assertThat(slotTakenBy("first", onboarding.key())).isZero();
        assertThat(slotTakenBy("second", onboarding.key())).isEqualTo(1);
        assertThat(slotTakenBy("third", BUTTON_COLOR)).isZero();
    }

    @Test
    void slots_taken_together_are_each_experiments_next_slot_in_the_order_asked() {
        slotTakenBy("first", BUTTON_COLOR);
        long[][] taken = new long[1][];

        ports.devices().registerOnce(DeviceToken.of("second"), NOW, DeviceAttributes.UNKNOWN, ports.experiments().running(), (running, slots) -> {
            taken[0] = slots.takeEach(List.of(PRICE, BUTTON_COLOR));
            return List.of(new Assignment(PRICE, ShippedExperiments.PRICE.optionAtSlot(taken[0][0]).orElseThrow().value()),
                    new Assignment(BUTTON_COLOR, ShippedExperiments.BUTTON_COLOR.optionAtSlot(taken[0][1]).orElseThrow().value()));
        });

        assertThat(taken[0]).containsExactly(0, 1);
    }

    // --- registration --------------------------------------------------------------------------

    @Test
    void a_registered_device_is_found_with_its_first_request_time_and_assignments() {
        List<Assignment> assignments = List.of(
                new Assignment(BUTTON_COLOR, "#00FF00"), new Assignment(PRICE, "20"));

        Device registered = ports.devices().registerOnce(DeviceToken.of("device-1"), NOW, DeviceAttributes.UNKNOWN, ports.experiments().running(), (running, slots) -> {
            slots.take(BUTTON_COLOR);
            slots.take(PRICE);
            return assignments;
        });

        Device expected = new Device(DeviceToken.of("device-1"), NOW, DeviceAttributes.UNKNOWN, assignments);
        assertThat(registered).isEqualTo(expected);
        assertThat(ports.devices().find(DeviceToken.of("device-1"))).hasValueSatisfying(found -> {
            assertThat(found.firstSeen()).isEqualTo(NOW);
            assertThat(found.assignments()).containsExactlyInAnyOrderElementsOf(assignments);
        });
    }

    @Test
    void the_attributes_of_the_first_request_are_stored_and_found_with_the_device() {
        DeviceAttributes iosInRussia = new DeviceAttributes(Platform.IOS, AppVersion.of("2.3.0-beta.1+build.7"),
                LocaleTag.of("ru-RU"));

        enrollmentService(ports).experimentsFor(DeviceToken.of("described"), iosInRussia);
        enrollmentService(ports).experimentsFor(DeviceToken.of("silent"));

        assertThat(ports.devices().find(DeviceToken.of("described")).orElseThrow().attributes()).isEqualTo(iosInRussia);
        assertThat(ports.devices().find(DeviceToken.of("silent")).orElseThrow().attributes())
                .isEqualTo(DeviceAttributes.UNKNOWN);
    }

    @Test
    void each_attribute_may_be_unknown_on_its_own_and_the_longest_values_fit() {
        List<DeviceAttributes> partial = List.of(
                new DeviceAttributes(Platform.ANDROID, null, null),
                new DeviceAttributes(null, AppVersion.of("1.0.0-" + "a".repeat(AppVersion.MAX_LENGTH - 6)), null),
                new DeviceAttributes(null, null, LocaleTag.of("en-x-" + "abcdefg-".repeat(7) + "abc")),
                new DeviceAttributes(Platform.OTHER, null, LocaleTag.of("zh-Hant-TW")));
        for (int i = 0; i < partial.size(); i++) {
            enrollmentService(ports).experimentsFor(token(i), partial.get(i));
        }

        for (int i = 0; i < partial.size(); i++) {
            assertThat(ports.devices().find(token(i)).orElseThrow().attributes()).isEqualTo(partial.get(i));
        }
    }

    @Test
    void a_later_request_with_other_attributes_changes_nothing() {
        DeviceAttributes first = new DeviceAttributes(Platform.ANDROID, AppVersion.of("2.3.0"), LocaleTag.of("de-DE"));
        DeviceAttributes updated = new DeviceAttributes(Platform.IOS, AppVersion.of("3.0.0"), LocaleTag.of("en-US"));
        Device registered = ports.devices().registerOnce(DeviceToken.of("updated-app"), NOW, first,
                ports.experiments().running(), (running, slots) -> List.of());

        Device again = ports.devices().registerOnce(DeviceToken.of("updated-app"), NOW.plusSeconds(60), updated,
                ports.experiments().running(), (running, slots) -> {
                    throw new AssertionError("a known device must not be enrolled again");
                });
        enrollmentService(ports).experimentsFor(DeviceToken.of("updated-app"), DeviceAttributes.UNKNOWN);

        assertThat(registered.attributes()).isEqualTo(first);
        assertThat(again.attributes()).isEqualTo(first);
        assertThat(ports.devices().find(DeviceToken.of("updated-app")).orElseThrow().attributes()).isEqualTo(first);
    }

    @Test
    void a_device_is_found_with_the_slot_each_assignment_took() {
        long[][] taken = new long[1][];
        DeviceAttributes attributes = new DeviceAttributes(Platform.WEB, null, LocaleTag.of("en"));
        slotTakenBy("before", BUTTON_COLOR);

        Device registered = ports.devices().registerOnce(DeviceToken.of("slotted"), NOW, attributes,
                ports.experiments().running(), (running, slots) -> {
                    taken[0] = slots.takeEach(List.of(BUTTON_COLOR, PRICE));
                    return List.of(new Assignment(BUTTON_COLOR, ShippedExperiments.BUTTON_COLOR.optionAtSlot(taken[0][0]).orElseThrow().value()),
                            new Assignment(PRICE, ShippedExperiments.PRICE.optionAtSlot(taken[0][1]).orElseThrow().value()));
                });

        assertThat(taken[0]).containsExactly(1, 0);
        assertThat(ports.devices().findWithSlots(DeviceToken.of("slotted"))).hasValueSatisfying(stored -> {
            assertThat(stored.device().token()).isEqualTo(registered.token());
            assertThat(stored.device().firstSeen()).isEqualTo(NOW);
            assertThat(stored.device().attributes()).isEqualTo(attributes);
            assertThat(stored.device().assignments()).containsExactlyInAnyOrderElementsOf(registered.assignments());
            assertThat(stored.slots()).containsExactlyInAnyOrderEntriesOf(Map.of(BUTTON_COLOR, 1L, PRICE, 0L));
        });
        assertThat(ports.devices().findWithSlots(DeviceToken.of("nobody"))).isEmpty();
    }

    @Test
    void the_slots_found_are_those_the_allocation_used_device_by_device() {
        DeviceEnrollmentService service = enrollmentService(ports);
        for (int i = 0; i < 25; i++) {
            service.experimentsFor(token(i));
        }

        Set<Long> priceSlots = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            StoredDevice stored = ports.devices().findWithSlots(token(i)).orElseThrow();
            for (Assignment assignment : stored.device().assignments()) {
                Experiment experiment = ports.experiments().find(assignment.experiment()).orElseThrow();
                assertThat(experiment.optionAtSlot(stored.slotIn(assignment.experiment())).orElseThrow().value())
                        .as("device %d in %s", i, assignment.experiment()).isEqualTo(assignment.value());
            }
            priceSlots.add(stored.slotIn(PRICE));
        }
        assertThat(priceSlots).hasSize(25).allSatisfy(slot -> assertThat(slot).isBetween(0L, 24L));
    }

    @Test
    void a_device_registered_while_nothing_runs_is_found_without_assignments() {
        audited(ports.experiments()).replace(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.BUTTON_COLOR.stopped());
        audited(ports.experiments()).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped());

        assertThat(enrollmentService(ports).experimentsFor(DeviceToken.of("idle"))).isEmpty();

        assertThat(ports.devices().find(DeviceToken.of("idle")))
                .contains(new Device(DeviceToken.of("idle"), NOW, DeviceAttributes.UNKNOWN, List.of()));
        assertThat(ports.counts().registeredDevices()).isEqualTo(1);
        assertThat(ports.counts().optionCounts()).allSatisfy(count -> assertThat(count.devices()).isZero());
    }

    @Test
    void a_known_device_is_returned_as_stored_without_enrolling_it_again() {
        DeviceEnrollmentService service = enrollmentService(ports);
        List<Assignment> first = service.experimentsFor(DeviceToken.of("device-1"));

        Device again = ports.devices().registerOnce(DeviceToken.of("device-1"), NOW.plusSeconds(60), DeviceAttributes.UNKNOWN, ports.experiments().running(), (running, slots) -> {
            throw new AssertionError("a known device must not be enrolled again");
        });

        assertThat(again.firstSeen()).isEqualTo(NOW);
        assertThat(again.assignments()).containsExactlyInAnyOrderElementsOf(first);
        assertThat(ports.counts().registeredDevices()).isEqualTo(1);
    }

    @Test
    void six_hundred_devices_from_32_threads_split_exactly_by_the_weights() throws Exception {
        DeviceEnrollmentService service = enrollmentService(ports);

        Concurrently.run(32, 600, i -> service.experimentsFor(token(i)));

        assertExactSplitOf600(ports);
    }

    @Test
    void two_instances_on_one_store_registering_interleaved_devices_still_split_exactly() throws Exception {
        StoragePorts other = anotherInstance(ports);
        DeviceEnrollmentService first = enrollmentService(ports);
        DeviceEnrollmentService second = enrollmentService(other);

        Concurrently.run(16, 600, i -> (i % 2 == 0 ? first : second).experimentsFor(token(i)));

        assertExactSplitOf600(ports);
        assertExactSplitOf600(other);
    }

    @Test
    void fifty_concurrent_first_requests_of_one_device_register_it_once_with_one_answer() throws Exception {
        AtomicInteger enrollments = new AtomicInteger();
        Enrollment counted = (running, slots) -> {
            enrollments.incrementAndGet();
            return List.of(new Assignment(BUTTON_COLOR, ShippedExperiments.BUTTON_COLOR
                    .optionAtSlot(slots.take(BUTTON_COLOR)).orElseThrow().value()));
        };

        List<Device> answers = Concurrently.run(50, 50,
                i -> ports.devices().registerOnce(DeviceToken.of("one-device"), NOW, DeviceAttributes.UNKNOWN, ports.experiments().running(), counted));

        assertThat(enrollments).hasValue(1);
        assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(ports.devices().find(DeviceToken.of("one-device"))).contains(answers.get(0));
        assertThat(ports.counts().registeredDevices()).isEqualTo(1);
        assertThat(total(ports.counts().optionCounts(), BUTTON_COLOR)).isEqualTo(1);
    }

    @Test
    void a_device_first_seen_before_an_experiment_never_gets_it() {
        DeviceEnrollmentService service = enrollmentService(ports);
        service.experimentsFor(DeviceToken.of("early"));
        Experiment onboarding = experiment("onboarding", NOW);
        audited(ports.experiments()).add(onboarding);

        for (int request = 0; request < 3; request++) {
            assertThat(service.experimentsFor(DeviceToken.of("early")))
                    .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR, PRICE);
        }
        assertThat(ports.devices().find(DeviceToken.of("early")).orElseThrow().valueIn(onboarding.key())).isEmpty();
        assertThat(service.experimentsFor(DeviceToken.of("late")))
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR, PRICE, onboarding.key());
    }

    @Test
    void a_stopped_experiment_keeps_its_assignments_stored() {
        DeviceEnrollmentService service = enrollmentService(ports);
        List<Assignment> before = service.experimentsFor(DeviceToken.of("device-1"));
        audited(ports.experiments()).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped());

        assertThat(service.experimentsFor(DeviceToken.of("device-1"))).containsExactly(before.get(0));
        assertThat(ports.devices().find(DeviceToken.of("device-1")).orElseThrow().assignments())
                .containsExactlyInAnyOrderElementsOf(before);
        assertThat(total(ports.counts().optionCounts(), PRICE)).isEqualTo(1);
    }

    @Test
    void a_registration_failing_after_taking_slots_leaves_nothing_behind() {
        DeviceToken token = DeviceToken.of("unlucky");
        Enrollment failing = (running, slots) -> {
            slots.take(BUTTON_COLOR);
            slots.take(PRICE);
            throw new IllegalStateException("enrollment failed after taking its slots");
        };

        assertThatThrownBy(() -> ports.devices().registerOnce(token, NOW, DeviceAttributes.UNKNOWN, ports.experiments().running(), failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after taking its slots");

        assertThat(ports.devices().find(token)).isEmpty();
        assertThat(ports.counts().registeredDevices()).isZero();
        assertThat(ports.counts().optionCounts()).isEmpty();
        assertThat(enrollmentService(ports).experimentsFor(token)).hasSize(2);
        assertThat(ports.devices().find(token)).isPresent();
    }

    @Test
    void a_registration_enrolls_into_the_set_the_store_holds_not_the_older_one_the_caller_assumed() {
        RunningExperiments assumed = ports.experiments().running();
        StoragePorts other = anotherInstance(ports);
        Experiment onboarding = experiment("onboarding", NOW);
        audited(other.experiments()).add(onboarding);
        audited(other.experiments()).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped());
        RunningExperiments[] given = new RunningExperiments[1];

        ports.devices().registerOnce(DeviceToken.of("late"), NOW, DeviceAttributes.UNKNOWN, assumed, (running, slots) -> {
            given[0] = running;
            return List.of();
        });

        assertThat(given[0].experiments()).containsExactly(ShippedExperiments.BUTTON_COLOR, onboarding);
        assertThat(given[0].version()).isGreaterThan(assumed.version());
        assertThat(ports.experiments().running()).isEqualTo(given[0]);
    }

    @Test
    void every_change_makes_a_new_catalog_version_and_reads_do_not() {
        long fresh = ports.experiments().running().version();
        assertThat(ports.experiments().running().version()).isEqualTo(fresh);

        audited(ports.experiments()).add(experiment("onboarding", NOW));
        long afterAdd = ports.experiments().running().version();
        audited(ports.experiments()).replace(ShippedExperiments.PRICE, ShippedExperiments.PRICE.stopped());
        long afterStop = ports.experiments().running().version();

        assertThat(afterAdd).isGreaterThan(fresh);
        assertThat(afterStop).isGreaterThan(afterAdd);
        assertThatThrownBy(() -> audited(ports.experiments()).add(experiment("onboarding", NOW)))
                .isInstanceOf(DuplicateExperimentException.class);
        assertThat(ports.experiments().running().version()).isEqualTo(afterStop);
    }

    @Test
    void slots_of_failed_registrations_are_handed_out_again_so_the_split_stays_exact() throws Exception {
        DeviceEnrollmentService service = enrollmentService(ports);
        for (int i = 0; i < 7; i++) {
            service.experimentsFor(token(i));
        }
        for (int i = 0; i < 5; i++) {
            DeviceToken failed = DeviceToken.of("failed-" + i);
            assertThatThrownBy(() -> ports.devices().registerOnce(failed, NOW, DeviceAttributes.UNKNOWN, ports.experiments().running(),
                    (running, slots) -> {
                        slots.takeEach(List.of(BUTTON_COLOR, PRICE));
                        throw new IllegalStateException("failed after taking its slots");
                    })).hasMessageContaining("after taking its slots");
        }

        ports.recoverLostSlots().run();
        Concurrently.run(16, 593, i -> service.experimentsFor(token(7 + i)));

        assertExactSplitOf600(ports);
    }

    @Test
    void counts_follow_the_registrations() {
        DeviceEnrollmentService service = enrollmentService(ports);
        for (int i = 0; i < 20; i++) {
            service.experimentsFor(token(i));
        }

        assertThat(ports.counts().registeredDevices()).isEqualTo(20);
        assertThat(countsOf(ports.counts().optionCounts(), PRICE))
                .containsExactlyInAnyOrderEntriesOf(Map.of("10", 15L, "20", 2L, "50", 1L, "5", 2L));
    }

    // --- lifecycle -----------------------------------------------------------------------------

    @Test
    void an_experiment_is_kept_with_its_lifecycle_and_served_only_while_running_or_closed() {
        Experiment draft = inStatus("draft_one", ExperimentStatus.DRAFT);
        Experiment scheduled = inStatus("scheduled_one", ExperimentStatus.SCHEDULED);
        Experiment closed = inStatus("closed_one", ExperimentStatus.CLOSED);
        for (Experiment experiment : List.of(draft, scheduled, closed)) {
            audited(ports.experiments()).add(experiment);
        }

        assertThat(ports.experiments().find(draft.key())).contains(draft);
        assertThat(ports.experiments().find(scheduled.key())).contains(scheduled);
        assertThat(ports.experiments().running().experiments())
                .containsExactly(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.PRICE, closed);
        assertThat(ports.experiments().running().enrolling())
                .containsExactly(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.PRICE);
        assertThat(ports.experiments().withSchedule()).containsExactly(scheduled);
    }

    @Test
    void a_replace_is_a_compare_and_set_on_the_lifecycle_with_one_new_version_when_it_replaces() {
        Experiment scheduled = inStatus("onboarding", ExperimentStatus.SCHEDULED);
        audited(ports.experiments()).add(scheduled);
        long before = ports.experiments().running().version();
        Experiment started = scheduled.dueAt(scheduled.lifecycle().startAt()).orElseThrow();
        Experiment startedLater = scheduled.dueAt(scheduled.lifecycle().startAt().plusMillis(3)).orElseThrow();

        assertThat(audited(ports.experiments()).replace(scheduled, started)).isTrue();
        assertThat(audited(anotherInstance(ports).experiments()).replace(scheduled, startedLater)).isFalse();

        assertThat(ports.experiments().find(scheduled.key())).contains(started);
        assertThat(ports.experiments().running().version()).isEqualTo(before + 1);
        assertThat(ports.experiments().running().enrolling()).contains(started);
        assertThatThrownBy(() -> audited(ports.experiments()).replace(experiment("unknown", NOW), experiment("unknown", NOW).stopped()))
                .isInstanceOf(UnknownExperimentException.class);
    }

    /** Two edits of one draft decided on the same version: the second must not be kept on top of the first. */
    @Test
    void a_replace_decided_on_a_draft_whose_options_or_audience_changed_since_is_not_kept() {
        Experiment draft = inStatus("onboarding", ExperimentStatus.DRAFT);
        audited(ports.experiments()).add(draft);
        Experiment newOptions = draft.withOptions(List.of(Option.of("x", "1"), Option.of("y", "1")));
        Experiment newAudience = draft.withAudience(new Audience(List.of(Platform.IOS), null, null, null, null, false));
        long before = ports.experiments().running().version();

        assertThat(audited(ports.experiments()).replace(draft, newOptions)).isTrue();
        assertThat(audited(anotherInstance(ports).experiments()).replace(draft, newAudience)).isFalse();
        assertThat(audited(ports.experiments()).replace(draft, draft.withCoverage(Coverage.percent("50")))).isFalse();

        assertThat(ports.experiments().find(draft.key())).contains(newOptions);
        assertThat(ports.experiments().running().version()).isEqualTo(before + 1);
        assertThat(audited(ports.experiments()).replace(newOptions, newOptions.withAudience(newAudience.audience())))
                .as("decided again on what is stored, it is kept").isTrue();
    }

    @Test
    void a_draft_takes_new_options_and_devices_enrolled_after_its_start_get_them_exactly() {
        Experiment draft = inStatus("onboarding", ExperimentStatus.DRAFT);
        audited(ports.experiments()).add(draft);
        Experiment edited = draft.withOptions(List.of(Option.of("x", "1"), Option.of("y", "1"), Option.of("z", "2")));
        assertThat(audited(ports.experiments()).replace(draft, edited)).isTrue();
        assertThat(ports.experiments().find(draft.key())).contains(edited);
        Experiment started = edited.withLifecycle(edited.lifecycle().startedAt(NOW, null));
        assertThat(audited(ports.experiments()).replace(edited, started)).isTrue();

        DeviceEnrollmentService service = enrollmentService(ports);
        for (int i = 0; i < 8; i++) {
            service.experimentsFor(token(i));
        }

        assertThat(countsOf(ports.counts().optionCounts(), draft.key()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("x", 2L, "y", 2L, "z", 4L));
    }

    @Test
    void a_device_first_seen_while_an_experiment_was_a_draft_never_joins_it() {
        Experiment draft = inStatus("onboarding", ExperimentStatus.DRAFT);
        audited(ports.experiments()).add(draft);
        DeviceEnrollmentService service = enrollmentService(ports);
        service.experimentsFor(DeviceToken.of("early"));

        audited(ports.experiments()).replace(draft, draft.withLifecycle(draft.lifecycle().startedAt(NOW, null)));

        assertThat(service.experimentsFor(DeviceToken.of("early")))
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR, PRICE);
        assertThat(service.experimentsFor(DeviceToken.of("late")))
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR, PRICE, draft.key());
    }

    @Test
    void after_a_close_enrolled_devices_keep_their_value_and_new_devices_do_not_join() {
        DeviceEnrollmentService service = enrollmentService(ports);
        List<Assignment> before = service.experimentsFor(DeviceToken.of("enrolled"));

        assertThat(audited(ports.experiments()).replace(ShippedExperiments.PRICE, closed(ShippedExperiments.PRICE))).isTrue();

        assertThat(service.experimentsFor(DeviceToken.of("enrolled"))).containsExactlyElementsOf(before);
        assertThat(service.experimentsFor(DeviceToken.of("newcomer")))
                .extracting(Assignment::experiment).containsExactly(BUTTON_COLOR);
        assertThat(total(ports.counts().optionCounts(), PRICE)).isEqualTo(1);
    }

    // --- audiences (R8) -------------------------------------------------------------------------

    @Test
    void every_member_of_an_audience_is_kept_on_add_in_every_read() {
        Audience full = new Audience(List.of(Platform.IOS, Platform.ANDROID), AppVersion.of("2.3.0-rc.1+build.5"),
                AppVersion.of("3.0.0"), List.of(LocaleTag.of("ru"), LocaleTag.of("zh-Hant-TW")),
                List.of(CountryCode.of("RU"), CountryCode.of("UA")), true);
        Audience versionOnly = new Audience(null, null, AppVersion.of("10.0.0"), null, null, false);
        Experiment withFull = experiment("full_audience", NOW).withLifecycle(inStatus("x", ExperimentStatus.DRAFT)
                .lifecycle()).withAudience(full);
        Experiment withVersionOnly = experiment("version_audience", NOW).withLifecycle(
                inStatus("x", ExperimentStatus.DRAFT).lifecycle()).withAudience(versionOnly);
        Experiment running = withFull.withLifecycle(withFull.lifecycle().startedAt(NOW, null));
        audited(ports.experiments()).add(withFull);
        audited(ports.experiments()).add(withVersionOnly);
        audited(ports.experiments()).replace(withFull, running);

        assertThat(ports.experiments().find(withFull.key())).get().extracting(Experiment::audience).isEqualTo(full);
        assertThat(ports.experiments().find(withVersionOnly.key())).get().extracting(Experiment::audience)
                .isEqualTo(versionOnly);
        assertThat(ports.experiments().all()).contains(running, withVersionOnly);
        assertThat(ports.experiments().running().enrolling()).contains(running);
        assertThat(ports.experiments().find(BUTTON_COLOR)).get().extracting(Experiment::audience)
                .isEqualTo(Audience.EVERYONE);
    }

    @Test
    void a_draft_takes_a_new_audience_and_loses_it_again() {
        Experiment draft = inStatus("onboarding", ExperimentStatus.DRAFT);
        audited(ports.experiments()).add(draft);
        Experiment limited = draft.withAudience(new Audience(null, null, null, null, List.of(CountryCode.of("RU")), false));
        Experiment open = limited.withAudience(Audience.EVERYONE);

        assertThat(audited(ports.experiments()).replace(draft, limited)).isTrue();
        assertThat(anotherInstance(ports).experiments().find(draft.key())).contains(limited);
        assertThat(audited(ports.experiments()).replace(limited, open)).isTrue();
        assertThat(ports.experiments().find(draft.key())).contains(open);
    }

    @Test
    void devices_outside_an_audience_take_no_slot_so_the_split_among_those_inside_is_exact() {
        Experiment iosOnly = experiment("ios_only", NOW)
                .withLifecycle(inStatus("x", ExperimentStatus.DRAFT).lifecycle())
                .withAudience(new Audience(List.of(Platform.IOS), null, null, null, null, false));
        audited(ports.experiments()).add(iosOnly);
        audited(ports.experiments()).replace(iosOnly, iosOnly.withLifecycle(iosOnly.lifecycle().startedAt(NOW, null)));
        DeviceEnrollmentService service = enrollmentService(ports);
        DeviceAttributes ios = new DeviceAttributes(Platform.IOS, null, null);
        DeviceAttributes android = new DeviceAttributes(Platform.ANDROID, null, null);

        for (int i = 0; i < 12; i++) {
            service.experimentsFor(token(i), i % 3 == 0 ? android : ios);
        }

        assertThat(countsOf(ports.counts().optionCounts(), iosOnly.key()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("short", 4L, "long", 4L));
        assertThat(ports.devices().find(token(0)).orElseThrow().valueIn(iosOnly.key())).isEmpty();
        assertThat(ports.devices().find(token(1)).orElseThrow().valueIn(iosOnly.key())).isPresent();
    }

    // --- coverage (R7) ------------------------------------------------------------------------

    @Test
    void coverage_leaves_out_exactly_its_share_and_a_left_out_device_holds_its_slot_without_a_value() {
        Experiment tenth = experiment("tenth", NOW).withCoverage(Coverage.percent("10"));
        audited(ports.experiments()).add(tenth);
        DeviceEnrollmentService service = enrollmentService(ports);

        for (int i = 0; i < 100; i++) {
            service.experimentsFor(token(i), DeviceAttributes.UNKNOWN);
        }

        assertThat(ports.experiments().find(tenth.key()).orElseThrow().coveragePlan())
                .isEqualTo(CoveragePlan.of(Coverage.percent("10")));
        assertThat(countsOf(ports.counts().optionCounts(), tenth.key()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("short", 5L, "long", 5L));
        assertThat(ports.counts().leftOutCounts()).containsEntry(tenth.key(), 90L).doesNotContainKey(PRICE);
        Set<Long> slots = new HashSet<>();
        int leftOut = 0;
        for (int i = 0; i < 100; i++) {
            StoredDevice stored = ports.devices().findWithSlots(token(i)).orElseThrow();
            slots.add(stored.slotIn(tenth.key()));
            if (stored.device().isLeftOutOf(tenth.key())) {
                leftOut++;
                assertThat(stored.device().valueIn(tenth.key())).isEmpty();
                assertThat(service.experimentsFor(token(i), DeviceAttributes.UNKNOWN))
                        .extracting(Assignment::experiment).doesNotContain(tenth.key());
            } else {
                assertThat(stored.device().valueIn(tenth.key())).isPresent();
            }
        }
        assertThat(leftOut).isEqualTo(90);
        assertThat(slots).as("every device holds one slot, left out or not").hasSize(100)
                .allMatch(slot -> slot >= 0 && slot < 100);
    }

    @Test
    void a_coverage_change_while_running_starts_at_the_next_block_boundary_and_moves_no_device() {
        Experiment tenth = experiment("tenth", NOW).withCoverage(Coverage.percent("10"));
        audited(ports.experiments()).add(tenth);
        DeviceEnrollmentService service = enrollmentService(ports);
        for (int i = 0; i < 25; i++) {
            service.experimentsFor(token(i), DeviceAttributes.UNKNOWN);
        }
        Map<DeviceToken, Device> before = new HashMap<>();
        for (int i = 0; i < 25; i++) {
            before.put(token(i), ports.devices().find(token(i)).orElseThrow());
        }
        Experiment stored = ports.experiments().find(tenth.key()).orElseThrow();
        long version = ports.experiments().running().version();

        assertThat(audited(ports.experiments()).replace(stored, stored.withCoverage(Coverage.percent("50")))).isTrue();

        Experiment changed = ports.experiments().find(tenth.key()).orElseThrow();
        assertThat(changed.coveragePlan().steps()).as("25 slots handed out: the 10 %% block of slots 20-29 ends first")
                .containsExactly(new CoveragePlan.Step(0, Coverage.percent("10")),
                        new CoveragePlan.Step(30, Coverage.percent("50")));
        assertThat(changed.coverage()).isEqualTo(Coverage.percent("50"));
        assertThat(ports.experiments().running().version()).isGreaterThan(version);
        assertThat(audited(ports.experiments()).replace(stored, stored.stopped())).as("a compare-and-set on the plan too")
                .isFalse();

        for (int i = 25; i < 130; i++) {
            service.experimentsFor(token(i), DeviceAttributes.UNKNOWN);
        }
        // Slots 0-29: three blocks of 1 in 10; slots 30-129: fifty blocks of 1 in 2.
        Map<String, Long> enrolled = countsOf(ports.counts().optionCounts(), tenth.key());
        assertThat(enrolled.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3 + 50);
        assertThat(Math.abs(enrolled.get("short") - enrolled.get("long"))).as("options exact among the enrolled")
                .isLessThanOrEqualTo(1);
        assertThat(ports.counts().leftOutCounts()).containsEntry(tenth.key(), 27L + 50L);
        for (int i = 0; i < 25; i++) {
            assertThat(ports.devices().find(token(i)).orElseThrow()).isEqualTo(before.get(token(i)));
        }
    }

    @Test
    void coverage_changes_racing_registrations_never_move_a_slot_under_another_plan() throws Exception {
        Experiment tenth = experiment("tenth", NOW).withCoverage(Coverage.percent("10"));
        audited(ports.experiments()).add(tenth);
        DeviceEnrollmentService service = enrollmentService(ports);
        List<Coverage> changes = List.of(Coverage.percent("50"), Coverage.percent("25"), Coverage.percent("100"),
                Coverage.percent("20"));

        // Every 150th task changes the coverage while 16 threads register devices.
        Concurrently.run(16, 600, i -> {
            if (i % 150 == 75) {
                Experiment stored = ports.experiments().find(tenth.key()).orElseThrow();
                return audited(ports.experiments()).replace(stored, stored.withCoverage(changes.get(i / 150)));
            }
            return service.experimentsFor(token(i));
        });

        Experiment last = ports.experiments().find(tenth.key()).orElseThrow();
        assertThat(last.coveragePlan().steps()).hasSizeGreaterThan(1);
        Set<Long> slots = new HashSet<>();
        for (int i = 0; i < 600; i++) {
            if (i % 150 == 75) {
                continue;
            }
            StoredDevice stored = ports.devices().findWithSlots(token(i)).orElseThrow();
            long slot = stored.slotIn(tenth.key());
            slots.add(slot);
            assertThat(stored.device().valueIn(tenth.key()))
                    .as("device %d at slot %d: what the stored plan gives that slot", i, slot)
                    .isEqualTo(last.optionAtSlot(slot).map(Option::value));
        }
        assertThat(slots).hasSize(596).allMatch(slot -> slot < 596);
    }

    @Test
    void slots_lost_by_failed_registrations_are_handed_out_again_so_the_covered_share_stays_exact() throws Exception {
        Experiment tenth = experiment("tenth", NOW).withCoverage(Coverage.percent("10"));
        audited(ports.experiments()).add(tenth);
        DeviceEnrollmentService service = enrollmentService(ports);
        for (int i = 0; i < 7; i++) {
            service.experimentsFor(token(i));
        }
        for (int i = 0; i < 5; i++) {
            DeviceToken failed = DeviceToken.of("failed-" + i);
            assertThatThrownBy(() -> ports.devices().registerOnce(failed, NOW, DeviceAttributes.UNKNOWN,
                    ports.experiments().running(), (running, slots) -> {
                        slots.takeEach(List.of(BUTTON_COLOR, PRICE, tenth.key()));
                        throw new IllegalStateException("failed after taking its slots");
                    })).hasMessageContaining("after taking its slots");
        }

        ports.recoverLostSlots().run();
        Concurrently.run(16, 93, i -> service.experimentsFor(token(7 + i)));

        assertThat(countsOf(ports.counts().optionCounts(), tenth.key()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("short", 5L, "long", 5L));
        assertThat(ports.counts().leftOutCounts()).containsEntry(tenth.key(), 90L);
    }

    @Test
    void a_drafts_coverage_is_replaced_from_slot_0() {
        Experiment draft = inStatus("draft", ExperimentStatus.DRAFT);
        audited(ports.experiments()).add(draft);

        assertThat(audited(ports.experiments()).replace(draft, draft.withCoverage(Coverage.percent("12.5")))).isTrue();

        assertThat(ports.experiments().find(draft.key()).orElseThrow().coveragePlan())
                .isEqualTo(CoveragePlan.of(Coverage.percent("12.5")));
    }

    // --- overrides (R9) ------------------------------------------------------------------------

    @Test
    void overrides_are_kept_replaced_and_removed_each_change_with_a_new_catalog_version() {
        long fresh = ports.experiments().running().version();
        DeviceOverride first = new DeviceOverride(PRICE, DeviceToken.of("qa-1"), "5", NOW);
        DeviceOverride second = new DeviceOverride(PRICE, DeviceToken.of("qa-2"), "20", NOW.plusSeconds(1));
        DeviceOverride color = new DeviceOverride(BUTTON_COLOR, DeviceToken.of("qa-1"), "#0000FF", NOW.plusSeconds(2));
        audited(ports.experiments()).putOverride(first);
        audited(ports.experiments()).putOverride(second);
        audited(ports.experiments()).putOverride(color);
        DeviceOverride replaced = new DeviceOverride(PRICE, DeviceToken.of("qa-1"), "50", NOW.plusSeconds(3));
        audited(ports.experiments()).putOverride(replaced);

        assertThat(ports.experiments().overrides()).containsExactly(color, second, replaced);
        assertThat(ports.experiments().running().version()).isEqualTo(fresh + 4);

        assertThat(audited(ports.experiments()).removeOverride(PRICE, DeviceToken.of("qa-2"))).isTrue();
        assertThat(audited(ports.experiments()).removeOverride(PRICE, DeviceToken.of("qa-2"))).isFalse();
        assertThat(ports.experiments().overrides()).containsExactly(color, replaced);
        assertThat(ports.experiments().running().version()).isEqualTo(fresh + 5);
        assertThatThrownBy(() -> audited(ports.experiments()).putOverride(
                new DeviceOverride(ExperimentKey.of("unknown"), DeviceToken.of("qa-1"), "x", NOW)))
                .isInstanceOf(UnknownExperimentException.class);
        assertThat(ports.experiments().running().version()).isEqualTo(fresh + 5);
    }

    @Test
    void the_served_set_carries_the_overrides_of_drafts_scheduled_and_served_experiments_but_not_stopped_ones() {
        Experiment draft = inStatus("draft_one", ExperimentStatus.DRAFT);
        Experiment scheduled = inStatus("scheduled_one", ExperimentStatus.SCHEDULED);
        audited(ports.experiments()).add(draft);
        audited(ports.experiments()).add(scheduled);
        DeviceToken qa = DeviceToken.of("qa-phone");
        audited(ports.experiments()).putOverride(new DeviceOverride(draft.key(), qa, "long", NOW));
        audited(ports.experiments()).putOverride(new DeviceOverride(PRICE, qa, "50", NOW));
        audited(ports.experiments()).putOverride(new DeviceOverride(scheduled.key(), qa, "short", NOW));
        audited(ports.experiments()).putOverride(new DeviceOverride(BUTTON_COLOR, qa, "#FF0000", NOW));
        audited(ports.experiments()).replace(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.BUTTON_COLOR.stopped());

        RunningExperiments running = anotherInstance(ports).experiments().running();

        assertThat(running.experiments()).containsExactly(ShippedExperiments.PRICE);
        assertThat(running.overrides().applyTo(qa, List.of(new Assignment(PRICE, "10")))).containsExactly(
                new Assignment(PRICE, "50"), new Assignment(draft.key(), "long"), new Assignment(scheduled.key(), "short"));
        assertThat(running.overrides().valueFor(qa, BUTTON_COLOR)).isEmpty();
        assertThat(running.overrides().applyTo(DeviceToken.of("other"), List.of(new Assignment(PRICE, "10"))))
                .containsExactly(new Assignment(PRICE, "10"));
        assertThat(ports.experiments().overrides()).hasSize(4);
    }

    @Test
    void an_overridden_new_device_takes_no_slot_and_an_overridden_enrolled_one_keeps_its_own() {
        DeviceEnrollmentService service = enrollmentService(ports);
        service.experimentsFor(token(0));
        long slotOfFirst = ports.devices().findWithSlots(token(0)).orElseThrow().slotIn(PRICE);
        audited(ports.experiments()).putOverride(new DeviceOverride(PRICE, token(0), "5", NOW));
        audited(ports.experiments()).putOverride(new DeviceOverride(PRICE, DeviceToken.of("qa-phone"), "50", NOW));

        List<Assignment> qaAnswer = service.experimentsFor(DeviceToken.of("qa-phone"));
        assertThat(qaAnswer).extracting(Assignment::experiment).containsExactly(BUTTON_COLOR, PRICE);
        assertThat(qaAnswer).contains(new Assignment(PRICE, "50"));
        for (int i = 1; i < 600; i++) {
            service.experimentsFor(token(i));
        }

        assertThat(ports.devices().find(DeviceToken.of("qa-phone")).orElseThrow().valueIn(PRICE)).isEmpty();
        assertThat(ports.devices().findWithSlots(token(0)).orElseThrow().slotIn(PRICE)).isEqualTo(slotOfFirst);
        assertThat(service.experimentsFor(token(0))).contains(new Assignment(PRICE, "5"));
        // Counted by slot: exact among the 600 enrolled, the overridden token(0) under its own slot's option.
        assertThat(countsOf(ports.counts().optionCounts(), PRICE))
                .containsExactlyInAnyOrderEntriesOf(Map.of("10", 450L, "20", 60L, "50", 30L, "5", 60L));
    }

    @Test
    void a_drafts_new_options_remove_its_overrides_of_values_it_no_longer_has() {
        Experiment draft = inStatus("onboarding", ExperimentStatus.DRAFT);
        audited(ports.experiments()).add(draft);
        audited(ports.experiments()).putOverride(new DeviceOverride(draft.key(), DeviceToken.of("qa-1"), "short", NOW));
        audited(ports.experiments()).putOverride(new DeviceOverride(draft.key(), DeviceToken.of("qa-2"), "long", NOW.plusSeconds(1)));

        audited(ports.experiments()).replace(draft, draft.withOptions(List.of(Option.of("short", "1"), Option.of("medium", "1"))));

        assertThat(ports.experiments().overrides()).extracting(DeviceOverride::device).containsExactly(DeviceToken.of("qa-1"));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** An experiment with two options; whole-microsecond instants so every store keeps them exactly. */
    protected static Experiment experiment(String key, Instant createdAt) {
        return Experiment.start(ExperimentKey.of(key),
                List.of(Option.of("short", "50"), Option.of("long", "50")), createdAt, 42L);
    }

    /** A two-option experiment in {@code status}: scheduled an hour after {@link #NOW}, started an hour before. */
    protected static Experiment inStatus(String key, ExperimentStatus status) {
        Instant hourBefore = NOW.minus(Duration.ofHours(1));
        Lifecycle lifecycle = switch (status) {
            case DRAFT -> new Lifecycle(status, null, null, null, EndAction.STOP);
            case SCHEDULED -> new Lifecycle(status, NOW.plus(Duration.ofHours(1)), null, null, EndAction.CLOSE);
            case RUNNING, CLOSED, STOPPED -> new Lifecycle(status, null, null, hourBefore, EndAction.STOP);
        };
        return experiment(key, hourBefore).withLifecycle(lifecycle);
    }

    private static Experiment closed(Experiment running) {
        return running.withLifecycle(running.lifecycle().withStatus(ExperimentStatus.CLOSED));
    }

    protected static DeviceEnrollmentService enrollmentService(StoragePorts ports) {
        return new DeviceEnrollmentService(ports.experiments(), ports.devices(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static DeviceToken token(int i) {
        return DeviceToken.of("device-" + i);
    }

    private long slotTakenBy(String token, ExperimentKey experiment) {
        long[] slot = new long[1];
        ports.devices().registerOnce(DeviceToken.of(token), NOW, DeviceAttributes.UNKNOWN, ports.experiments().running(), (running, slots) -> {
            slot[0] = slots.take(experiment);
            return List.of(new Assignment(experiment, ports.experiments().find(experiment).orElseThrow()
                    .optionAtSlot(slot[0]).orElseThrow().value()));
        });
        return slot[0];
    }

    /** R3: after 600 devices both shipped experiments are exact, in the counts and device by device. */
    private static void assertExactSplitOf600(StoragePorts ports) {
        assertThat(ports.counts().registeredDevices()).isEqualTo(600);
        List<OptionCount> counts = ports.counts().optionCounts();
        assertThat(countsOf(counts, BUTTON_COLOR))
                .containsExactlyInAnyOrderEntriesOf(Map.of("#FF0000", 200L, "#00FF00", 200L, "#0000FF", 200L));
        assertThat(countsOf(counts, PRICE))
                .containsExactlyInAnyOrderEntriesOf(Map.of("10", 450L, "20", 60L, "50", 30L, "5", 60L));

        Map<String, Long> stored = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            Device device = ports.devices().find(token(i)).orElseThrow();
            device.valueIn(PRICE).ifPresent(value -> stored.merge(value, 1L, Long::sum));
        }
        assertThat(stored).containsExactlyInAnyOrderEntriesOf(Map.of("10", 450L, "20", 60L, "50", 30L, "5", 60L));
    }

    private static Map<String, Long> countsOf(List<OptionCount> counts, ExperimentKey experiment) {
        Map<String, Long> perValue = new HashMap<>();
        counts.stream().filter(count -> count.experiment().equals(experiment))
                .forEach(count -> perValue.merge(count.value(), count.devices(), Long::sum));
        return perValue;
    }

    private static long total(List<OptionCount> counts, ExperimentKey experiment) {
        return countsOf(counts, experiment).values().stream().mapToLong(Long::longValue).sum();
    }
}
