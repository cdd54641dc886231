package dev.abkit.core.service;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.testing.Concurrently;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceMemoryTest {

    private static final Experiment COLOR = ShippedExperiments.BUTTON_COLOR;
    private static final Experiment PRICE = ShippedExperiments.PRICE;

    private final ExperimentCodes codes = new ExperimentCodes();
    private final int color = codes.codeOf(COLOR);
    private final int price = codes.codeOf(PRICE);
    private final boolean[] bothRun = {true, true};

    @Test
    void a_remembered_device_is_recalled_with_its_options_and_an_unknown_one_is_not() {
        DeviceMemory memory = new DeviceMemory(1 << 20);
        memory.remember("device-1", new int[] {color, price}, new int[] {2, 3}, 2);

        assertThat(memory.recall("device-1", codes, bothRun)).containsExactly(
                new Assignment(COLOR.key(), "#0000FF"), new Assignment(PRICE.key(), "5"));
        assertThat(memory.recall("device-2", codes, bothRun)).isNull();
        assertThat(memory.recall("device-", codes, bothRun)).isNull();
        assertThat(memory.recall("device-11", codes, bothRun)).isNull();
    }

    @Test
    void only_experiments_running_now_are_served_in_the_order_received() {
        DeviceMemory memory = new DeviceMemory(1 << 20);
        memory.remember("device-1", new int[] {color, price}, new int[] {0, 1}, 2);

        assertThat(memory.recall("device-1", codes, new boolean[] {false, true}))
                .containsExactly(new Assignment(PRICE.key(), "20"));
        assertThat(memory.recall("device-1", codes, new boolean[] {true}))
                .containsExactly(new Assignment(COLOR.key(), "#FF0000"));
        assertThat(memory.recall("device-1", codes, new boolean[0])).isEmpty();
    }

    @Test
    void a_device_in_more_than_two_experiments_is_served_each_running_one_in_order() {
        Experiment onboarding = Experiment.start(ExperimentKey.of("onboarding"),
                List.of(Option.of("short", 50), Option.of("long", 50)), Instant.EPOCH, 1L);
        int third = codes.codeOf(onboarding);
        DeviceMemory memory = new DeviceMemory(1 << 20);
        memory.remember("device-1", new int[] {color, price, third}, new int[] {0, 0, 1}, 3);

        assertThat(memory.recall("device-1", codes, new boolean[] {true, true, true})).containsExactly(
                new Assignment(COLOR.key(), "#FF0000"), new Assignment(PRICE.key(), "10"),
                new Assignment(onboarding.key(), "long"));
        assertThat(memory.recall("device-1", codes, new boolean[] {true, false, true})).containsExactly(
                new Assignment(COLOR.key(), "#FF0000"), new Assignment(onboarding.key(), "long"));
    }

    @Test
    void a_device_without_experiments_is_remembered_as_such() {
        DeviceMemory memory = new DeviceMemory(1 << 20);
        memory.remember("idle", new int[0], new int[0], 0);

        assertThat(memory.recall("idle", codes, bothRun)).isEmpty();
    }

    @Test
    void memory_stays_within_its_bound_keeping_the_newest_devices() {
        DeviceMemory memory = new DeviceMemory(256 * 1024);
        for (int i = 0; i < 100_000; i++) {
            memory.remember(token(i), new int[] {color, price}, new int[] {i % 3, i % 4}, 2);
        }

        assertThat(memory.recall(token(0), codes, bothRun)).as("the oldest were dropped").isNull();
        for (int i = 99_000; i < 100_000; i++) {
            assertThat(memory.recall(token(i), codes, bothRun)).as(token(i)).containsExactly(
                    codes.assignment(color, i % 3), codes.assignment(price, i % 4));
        }
    }

    @Test
    void a_device_that_keeps_coming_back_stays_while_others_come_and_go() {
        DeviceMemory memory = new DeviceMemory(256 * 1024);
        memory.remember("faithful", new int[] {color}, new int[] {1}, 1);
        int i = 0;
        for (int round = 0; round < 200; round++) { // 100,000 others: many generations come and go
            for (int n = 0; n < 500; n++) {
                memory.remember(token(i++), new int[] {color}, new int[] {0}, 1);
            }
            assertThat(memory.recall("faithful", codes, bothRun)).as("round " + round)
                    .containsExactly(new Assignment(COLOR.key(), "#00FF00"));
        }
        assertThat(memory.recall(token(0), codes, bothRun)).as("one not back for long is dropped").isNull();
    }

    @Test
    void readers_and_writers_at_once_recall_exactly_what_was_remembered() throws Exception {
        DeviceMemory memory = new DeviceMemory(8 * 1024 * 1024);

        List<Boolean> consistent = Concurrently.run(16, 40_000, i -> {
            memory.remember(token(i), new int[] {color, price}, new int[] {i % 3, i % 4}, 2);
            List<Assignment> recalled = memory.recall(token(i / 2), codes, bothRun);
            return recalled == null || recalled.equals(List.of(
                    codes.assignment(color, (i / 2) % 3), codes.assignment(price, (i / 2) % 4)));
        });

        assertThat(consistent).containsOnly(true);
    }

    private static String token(int i) {
        return "3f2504e0-4f89-11d3-9a0c-" + String.format("%012d", i);
    }
}
