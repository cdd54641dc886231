package dev.abkit.core.event;

import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.model.DeviceToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class EventBatchTest {

    private static final DeviceToken DEVICE = DeviceToken.of("device-1");
    private static final Instant RECEIVED = Instant.parse("2026-12-02T12:00:00Z");
    private static final Receipt RECEIPT = Receipt.at(RECEIVED);

    @Test
    void a_valid_batch_keeps_every_event_in_order_with_its_fields() {
        Instant at = RECEIVED.minus(Duration.ofMinutes(5));
        EventBatch batch = EventBatch.of(DEVICE, List.of(
                new EventInput("e1", "purchase", at, 9.99, "{\"sku\":\"A1\"}"),
                new EventInput("e2", "app.open", null, null, null)), RECEIPT);

        assertThat(batch.events()).containsExactly(
                new Event(DEVICE, EventId.of("e1"), MetricName.of("purchase"), at, EventValue.of(9.99),
                        EventProperties.of("{\"sku\":\"A1\"}")),
                new Event(DEVICE, EventId.of("e2"), MetricName.of("app.open"), RECEIVED, null, null));
        assertThat(batch.duplicates()).isZero();
    }

    @Test
    void event_times_are_corrected_by_the_requests_sent_at() {
        Instant sentAt = RECEIVED.plus(Duration.ofHours(3));
        EventBatch batch = EventBatch.of(DEVICE, List.of(valid("e1", sentAt.minusSeconds(60))), new Receipt(RECEIVED, sentAt));

        assertThat(batch.events().get(0).at()).isEqualTo(RECEIVED.minusSeconds(60));
    }

    @Test
    void each_invalid_field_is_named_by_the_events_index_and_refuses_the_batch() {
        Instant tooOld = RECEIVED.minus(Duration.ofDays(31));
        assertRefused(3, new EventInput("id with space", "purchase", null, null, null), "events[3].id",
                "events[3].id: event id must be visible ASCII characters only, without spaces (character 3 is not)");
        assertRefused(3, new EventInput("e", "Purchase", null, null, null), "events[3].name",
                "events[3].name: metric name must be 1-64 characters of a-z, 0-9, _ and . (got \"Purchase\")");
        assertRefused(0, new EventInput("e", null, null, null, null), "events[0].name",
                "events[0].name: metric name must be 1-64 characters of a-z, 0-9, _ and . (got nothing)");
        assertRefused(7, new EventInput("e", "purchase", tooOld, null, null), "events[7].at",
                "events[7].at: time must be at most 30 days before the request is received"
                        + " (got 2026-11-01T12:00:00Z, received 2026-12-02T12:00:00Z)");
        assertRefused(1, new EventInput("e", "purchase", null, Double.NaN, null), "events[1].value",
                "events[1].value: event value must be a number from -1e15 to 1e15 (got NaN)");
        assertRefused(2, new EventInput("e", "purchase", null, null, "{\"k\":\"" + "x".repeat(4096) + "\"}"),
                "events[2].properties", "events[2].properties: event properties must be at most 4096 bytes"
                        + " of UTF-8 JSON (got 4104)");
        assertRefused(4, null, "events[4]", "events[4]: an event must be a JSON object");
    }

    @Test
    void the_first_invalid_event_is_named_when_several_are() {
        List<EventInput> inputs = List.of(valid("e0"), new EventInput("e1", "BAD", null, null, null),
                new EventInput("", "purchase", null, null, null));

        assertThatThrownBy(() -> EventBatch.of(DEVICE, inputs, RECEIPT))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("events[1].name"));
    }

    @Test
    void a_batch_holds_1_to_1000_events() {
        assertThat(EventBatch.of(DEVICE, events(1), RECEIPT).events()).hasSize(1);
        assertThat(EventBatch.of(DEVICE, events(1000), RECEIPT).events()).hasSize(1000);

        for (List<EventInput> wrong : Arrays.asList(events(0), events(1001), null)) {
            assertThatThrownBy(() -> EventBatch.of(DEVICE, wrong, RECEIPT))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("events"))
                    .hasMessageStartingWith("events: a batch must hold 1 to 1000 events (got ");
        }
    }

    /** Within one batch the first of an id wins and the rest count as duplicates, as a retry's would. */
    @Test
    void repeated_ids_within_a_batch_keep_the_first_and_count_the_rest_as_duplicates() {
        EventBatch batch = EventBatch.of(DEVICE, List.of(
                new EventInput("a", "purchase", null, 1.0, null),
                new EventInput("b", "purchase", null, 2.0, null),
                new EventInput("a", "refund", null, 3.0, null),
                new EventInput("a", "purchase", null, 4.0, null)), RECEIPT);

        assertThat(batch.events()).extracting(Event::id, Event::value).containsExactly(
                tuple(EventId.of("a"), EventValue.of(1.0)),
                tuple(EventId.of("b"), EventValue.of(2.0)));
        assertThat(batch.duplicates()).isEqualTo(2);
    }

    @Test
    void a_duplicate_is_still_validated_so_a_bad_one_refuses_the_batch() {
        List<EventInput> inputs = List.of(valid("a"), new EventInput("a", "Bad", null, null, null));

        assertThatThrownBy(() -> EventBatch.of(DEVICE, inputs, RECEIPT))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("events[1].name"));
    }

    @Test
    void a_single_event_names_its_fields_without_an_index() {
        EventBatch single = EventBatch.single(DEVICE, valid("e1"), RECEIPT);
        assertThat(single.events()).extracting(Event::id).containsExactly(EventId.of("e1"));
        assertThat(single.duplicates()).isZero();

        assertThatThrownBy(() -> EventBatch.single(DEVICE, new EventInput("e1", "a-b", null, null, null), RECEIPT))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessageStartingWith("name: metric name must be");
        assertThatThrownBy(() -> EventBatch.single(DEVICE, new EventInput(null, "a", null, null, null), RECEIPT))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("id"));
    }

    @Test
    void a_batch_cannot_be_built_empty_too_large_or_with_an_id_twice() {
        List<Event> thousandAndOne = new ArrayList<>(EventBatch.of(DEVICE, events(1000), RECEIPT).events());
        thousandAndOne.add(EventBatch.single(DEVICE, valid("extra"), RECEIPT).events().get(0));
        Event once = EventBatch.single(DEVICE, valid("same"), RECEIPT).events().get(0);

        assertThatThrownBy(() -> new EventBatch(List.of(), 0)).hasMessageStartingWith("a batch holds 1 to 1000 events");
        assertThatThrownBy(() -> new EventBatch(thousandAndOne, 0)).hasMessageStartingWith("a batch holds 1 to 1000 events");
        assertThatThrownBy(() -> new EventBatch(List.of(once), -1)).hasMessageContaining("no negative count");
        assertThatThrownBy(() -> new EventBatch(List.of(once, once), 0)).hasMessageStartingWith("a batch holds one event per id");
    }

    @Test
    void a_batchs_list_cannot_change() {
        List<Event> events = new ArrayList<>(EventBatch.of(DEVICE, events(2), RECEIPT).events());
        EventBatch batch = new EventBatch(events, 0);
        events.clear();

        assertThat(batch.events()).hasSize(2);
        assertThatThrownBy(() -> batch.events().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static void assertRefused(int index, EventInput invalid, String field, String message) {
        List<EventInput> inputs = new ArrayList<>(events(index));
        inputs.add(invalid);
        inputs.add(valid("after"));

        assertThatThrownBy(() -> EventBatch.of(DEVICE, inputs, RECEIPT))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessage(message);
    }

    private static List<EventInput> events(int count) {
        return IntStream.range(0, count).mapToObj(i -> valid("e" + i)).toList();
    }

    private static EventInput valid(String id) {
        return valid(id, null);
    }

    private static EventInput valid(String id, Instant at) {
        return new EventInput(id, "purchase", at, null, null);
    }
}
