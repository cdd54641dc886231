package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.port.out.EventStore.OptionFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;
import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.abkit.persistence.EventStoreFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device with purchases on 300 days changes tens of thousands of day-pair cells with one batch (each new day
 * pairs with every day it already has, for each option it holds, of all devices and exposed): PostgreSQL's driver
 * takes at most 65,535 parameters in one round trip, so the script is sent in parts, and the batch is stored
 * and counted whole. (Sent as one round trip, the first batch here had about 1.8 million parameters.)
 */
class LongHistoryTest {

    private static final MetricName PURCHASE = MetricName.of("purchase");
    private static final int HISTORY_DAYS = 300;
    private static final int LATER_DAYS = 30;

    @TempDir
    Path directory;

    @Test
    void a_batch_that_changes_more_cells_than_one_round_trip_takes_is_stored_and_counted_whole() {
        try (TestStore store = TestStore.open(Kind.POSTGRESQL, directory); Instance instance = store.start()) {
            EventStore events = instance.storage().eventStore();
            LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).minusDays(HISTORY_DAYS + LATER_DAYS + 1);
            Device device = EventStoreFixture.registeredAt(instance, "long-history",
                    Timestamps.startOf(firstDay).plusSeconds(60));
            List<Experiment> experiments = List.of(ShippedExperiments.BUTTON_COLOR, ShippedExperiments.PRICE);
            events.expose(device, new ExposureBatch(experiments.stream()
                    .map(experiment -> new Exposure(device.token(), experiment.key(), device.firstSeen())).toList()));

            events.store(device, purchases(device, firstDay, 0, HISTORY_DAYS));
            events.store(device, purchases(device, firstDay, HISTORY_DAYS, HISTORY_DAYS + LATER_DAYS));

            assertThat(store.count("select count(*) from event")).isEqualTo(HISTORY_DAYS + LATER_DAYS);
            assertThat(store.count("select count(*) from day_pair_count")).as("cells of two options")
                    .isEqualTo(2L * (HISTORY_DAYS + LATER_DAYS) * (HISTORY_DAYS + LATER_DAYS + 1) / 2);
            for (Experiment experiment : experiments) {
                String value = device.valueIn(experiment.key()).orElseThrow();
                for (boolean exposed : List.of(false, true)) {
                    for (int[] window : List.of(new int[] {0, HISTORY_DAYS + LATER_DAYS}, new int[] {100, 200},
                            new int[] {HISTORY_DAYS - 5, HISTORY_DAYS + 5}, new int[] {HISTORY_DAYS + LATER_DAYS - 1,
                                    HISTORY_DAYS + LATER_DAYS})) {
                        ResultsScope scope = new ResultsScope(experiment, PURCHASE,
                                Optional.of(Timestamps.startOf(firstDay.plusDays(window[0]))),
                                Optional.of(Timestamps.startOf(firstDay.plusDays(window[1]))), exposed, Set.of());
                        double sum = 0;
                        for (int day = window[0]; day < window[1]; day++) {
                            sum += valueOn(day);
                        }
                        assertThat(events.figures(scope).options().get(value)).as("%s", scope)
                                .isEqualTo(new OptionFigures(1, exposed ? 1 : 0, 1, sum, sum * sum));
                    }
                }
            }
        }
    }

    /** One purchase at noon of each day {@code [from, to)} after {@code firstDay}. */
    private static EventBatch purchases(Device device, LocalDate firstDay, int from, int to) {
        List<Event> purchases = new ArrayList<>();
        for (int day = from; day < to; day++) {
            Instant noon = Timestamps.startOf(firstDay.plusDays(day)).plus(Duration.ofHours(12));
            purchases.add(event(device, "p" + day, "purchase", noon, valueOn(day)));
        }
        return new EventBatch(purchases, 0);
    }

    private static double valueOn(int day) {
        return day % 7 + 1;
    }
}
