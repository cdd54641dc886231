package dev.abkit.server.metrics;

import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventInput;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.in.Ingested;
import dev.abkit.core.port.in.RecordEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events counters follow the use case's answers, and a refused batch counts in neither. */
class EventMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventMeters meters = new EventMeters(registry);
    private final EventBatch batch = EventBatch.single(DeviceToken.of("device-1"),
            new EventInput("e-1", "purchase", null, null, null), Receipt.at(Instant.EPOCH));

    @Test
    void accepted_and_duplicates_add_up_the_answers_given() {
        RecordEvents counted = meters.counting(new Answers(new Ingested(3, 1), new Ingested(0, 4)));

        assertThat(counted.record(batch)).isEqualTo(new Ingested(3, 1));
        assertThat(counted.record(batch)).isEqualTo(new Ingested(0, 4));

        assertThat(registry.counter("abkit.events.accepted").count()).isEqualTo(3);
        assertThat(registry.counter("abkit.events.duplicates").count()).isEqualTo(5);
    }

    @Test
    void a_refused_batch_counts_in_neither() {
        RecordEvents counted = meters.counting(refused -> {
            throw new UnknownDeviceException(DeviceToken.of("device-1"));
        });

        assertThatThrownBy(() -> counted.record(batch)).isInstanceOf(UnknownDeviceException.class);

        assertThat(registry.counter("abkit.events.accepted").count()).isZero();
        assertThat(registry.counter("abkit.events.duplicates").count()).isZero();
    }

    /** Gives the answers in turn. */
    private static final class Answers implements RecordEvents {

        private final Ingested[] answers;
        private int next;

        Answers(Ingested... answers) {
            this.answers = answers;
        }

        @Override
        public Ingested record(EventBatch ignored) {
            return answers[next++];
        }
    }
}
