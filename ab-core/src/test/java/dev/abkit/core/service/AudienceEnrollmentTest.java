package dev.abkit.core.service;

import dev.abkit.core.AbKit;
import dev.abkit.core.memory.InMemoryDevices;
import dev.abkit.core.memory.InMemoryExperiments;
import dev.abkit.core.memory.InMemorySlotCounters;
import dev.abkit.core.model.AppVersion;
import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.LocaleTag;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Platform;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.testing.TickingClock;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.abkit.core.audit.TestAudit.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** R8 in the enrolment: an experiment's audience decides, at a device's first request, whether it joins. */
class AudienceEnrollmentTest {

    private static final ExperimentKey ONBOARDING = ExperimentKey.of("onboarding");
    private static final List<Option> THIRDS = List.of(Option.of("a", 1), Option.of("b", 1), Option.of("c", 1));
    private static final Audience IOS_ONLY = new Audience(List.of(Platform.IOS), null, null, null, null, false);
    private static final DeviceAttributes IOS = new DeviceAttributes(Platform.IOS, AppVersion.of("2.3.0"),
            LocaleTag.of("ru-RU"));
    private static final DeviceAttributes ANDROID = new DeviceAttributes(Platform.ANDROID, AppVersion.of("2.3.0"),
            LocaleTag.of("ru-RU"));

    private final InMemoryExperiments experiments = new InMemoryExperiments();
    private final InMemoryDevices devices = new InMemoryDevices(experiments, new InMemorySlotCounters());
    private final AbKit abkit;

    AudienceEnrollmentTest() {
        experiments.addShipped();
        abkit = AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(devices)
                .clock(new TickingClock(Instant.parse("2026-06-01T12:00:00Z"))).seeds(() -> 99L)
                .rememberDevices(1 << 20).build();
    }

    private Experiment create(Audience audience) {
        return abkit.createExperiment().create(ADMIN, new NewExperiment(ONBOARDING, THIRDS).withAudience(audience));
    }

    private Map<String, String> ask(String token, DeviceAttributes attributes) {
        Map<String, String> answer = new TreeMap<>();
        for (Assignment assignment : abkit.experimentsForDevice().experimentsFor(DeviceToken.of(token), attributes)) {
            answer.put(assignment.experiment().value(), assignment.value());
        }
        return answer;
    }

    @Test
    void r3_holds_among_eligible_devices_because_an_ineligible_one_takes_no_slot() {
        create(IOS_ONLY);
        Map<String, Integer> split = new TreeMap<>();
        for (int i = 0; i < 900; i++) {
            // Every third device is an Android one, interleaved, so that it would break blocks if it took a slot.
            boolean eligible = i % 3 != 2;
            Map<String, String> answer = ask("device-" + i, eligible ? IOS : ANDROID);
            assertThat(answer.containsKey("onboarding")).as("device %d", i).isEqualTo(eligible);
            assertThat(answer).containsKeys("button_color", "price");
            if (eligible) {
                split.merge(answer.get("onboarding"), 1, Integer::sum);
            }
        }

        assertThat(split).containsExactly(Map.entry("a", 200), Map.entry("b", 200), Map.entry("c", 200));
        assertThat(abkit.statistics().report().experiments()).filteredOn(figures -> figures.key().equals(ONBOARDING))
                .singleElement().satisfies(figures -> assertThat(figures.devices()).isEqualTo(600));
    }

    @Test
    void r8_eligibility_is_decided_once_at_the_first_request_whatever_later_requests_say() {
        create(IOS_ONLY);
        Map<String, String> iosFirst = ask("ios-first", IOS);
        Map<String, String> androidFirst = ask("android-first", ANDROID);

        for (DeviceAttributes later : List.of(IOS, ANDROID, DeviceAttributes.UNKNOWN)) {
            assertThat(ask("ios-first", later)).isEqualTo(iosFirst).containsKey("onboarding");
            assertThat(ask("android-first", later)).isEqualTo(androidFirst).doesNotContainKey("onboarding");
        }
        assertThat(abkit.findDevice().find(DeviceToken.of("android-first")).assignments())
                .noneMatch(assignment -> assignment.experiment().equals(ONBOARDING));
    }

    @Test
    void a_device_that_did_not_send_a_constrained_attribute_joins_only_if_the_audience_includes_unknown() {
        create(IOS_ONLY);
        assertThat(ask("silent", DeviceAttributes.UNKNOWN)).doesNotContainKey("onboarding");

        abkit.stopExperiment().stop(ADMIN, ONBOARDING);
        abkit.createExperiment().create(ADMIN, new NewExperiment(ExperimentKey.of("inclusive"), THIRDS)
                .withAudience(new Audience(List.of(Platform.IOS), null, null, null, null, true)));
        assertThat(ask("silent-too", DeviceAttributes.UNKNOWN)).containsKey("inclusive");
        assertThat(ask("android", ANDROID)).doesNotContainKey("inclusive");
    }

    @Test
    void an_attribute_the_audience_does_not_constrain_does_not_matter_even_when_unknown() {
        create(new Audience(null, AppVersion.of("2.0.0"), AppVersion.of("3.0.0"), null, null, false));

        assertThat(ask("no-platform", new DeviceAttributes(null, AppVersion.of("2.9.9"), null)))
                .containsKey("onboarding");
        assertThat(ask("too-new", new DeviceAttributes(Platform.IOS, AppVersion.of("3.0.0"), null)))
                .doesNotContainKey("onboarding");
        assertThat(ask("no-version", new DeviceAttributes(Platform.IOS, null, null))).doesNotContainKey("onboarding");
    }

    @Test
    void a_draft_takes_a_new_audience_and_the_started_experiment_enrols_by_it() {
        abkit.createExperiment().create(ADMIN, new NewExperiment(ONBOARDING, THIRDS, true, null, null, null));

        Experiment edited = abkit.editExperiment().edit(ADMIN, ONBOARDING, ExperimentChanges.none().withAudience(IOS_ONLY));
        abkit.startExperiment().start(ADMIN, ONBOARDING);

        assertThat(edited.audience()).isEqualTo(IOS_ONLY);
        assertThat(abkit.findExperiments().get(ONBOARDING).audience()).isEqualTo(IOS_ONLY);
        assertThat(ask("ios", IOS)).containsKey("onboarding");
        assertThat(ask("android", ANDROID)).doesNotContainKey("onboarding");
    }

    @Test
    void an_audience_without_a_rule_is_every_device_whatever_its_include_unknown() {
        Experiment experiment = create(new Audience(null, null, null, null, null, true));

        assertThat(experiment.audience()).isSameAs(Audience.EVERYONE);
        assertThat(ask("anyone", DeviceAttributes.UNKNOWN)).containsKey("onboarding");
    }
}
