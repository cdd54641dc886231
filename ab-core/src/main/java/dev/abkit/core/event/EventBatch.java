package dev.abkit.core.event;

import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.model.DeviceToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The events of one ingest request from one device, 1 to {@link #MAX_EVENTS}, all valid: a request with
 * one invalid event is refused whole ({@link InvalidEventException} naming it, e.g. {@code events[3].name}),
 * so that a client never has to find out which half of its batch was stored.
 * <p>
 * An id that occurs again within the batch is a duplicate, as it would be in a later retry: the first
 * event with that id is kept and the rest are counted in {@link #duplicates()} (part of the 202's
 * {@code duplicates}), rather than refusing the batch. A client that queued an event twice while offline
 * thus gets the answer a retry would give, not a 400 it cannot fix by retrying. Every copy is validated
 * all the same, so whether a batch is refused does not depend on which copy came first. The store adds
 * the duplicates of earlier requests (same device and id) to the count.
 *
 * @param events     the events to store, in request order, one per id
 * @param duplicates events left out because an earlier one in the batch had the same id
 */
public record EventBatch(List<Event> events, int duplicates) {

    public static final int MAX_EVENTS = 1000;

    public EventBatch {
        events = List.copyOf(events);
        if (events.isEmpty() || events.size() > MAX_EVENTS || duplicates < 0) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_EVENTS
                    + " events and no negative count of duplicates");
        }
        if (events.stream().map(Event::id).distinct().count() < events.size()) {
            throw new IllegalArgumentException("a batch holds one event per id; count the others as duplicates");
        }
    }

    /**
     * The {@code {"events": [...]}} form: fields are named {@code events[i].name} and so on.
     *
     * @throws InvalidEventException naming the first invalid field; nothing of the batch is valid then
     */
    public static EventBatch of(DeviceToken device, List<EventInput> inputs, Receipt receipt) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_EVENTS) {
            throw new InvalidEventException("events", "a batch must hold 1 to " + MAX_EVENTS + " events (got "
                    + (inputs == null ? 0 : inputs.size()) + ")");
        }
        List<Event> events = new ArrayList<>(inputs.size());
        Set<EventId> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            String prefix = "events[" + i + "]";
            Event event = event(device, inputs.get(i), receipt, prefix, field -> prefix + "." + field);
            if (seen.add(event.id())) {
                events.add(event);
            }
        }
        return new EventBatch(events, inputs.size() - events.size());
    }

    /**
     * The single-event form (the body is the event itself): fields are named {@code name} and so on.
     *
     * @throws InvalidEventException naming the invalid field
     */
    public static EventBatch single(DeviceToken device, EventInput input, Receipt receipt) {
        return new EventBatch(List.of(event(device, input, receipt, "event", Function.identity())), 0);
    }

    private static Event event(DeviceToken device, EventInput input, Receipt receipt, String whole,
                               Function<String, String> fieldName) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(receipt, "receipt");
        if (input == null) {
            throw new InvalidEventException(whole, "an event must be a JSON object");
        }
        EventId id = Checked.field(fieldName.apply("id"), () -> new EventId(input.id()));
        MetricName metric = Checked.field(fieldName.apply("name"), () -> new MetricName(input.name()));
        Instant at = Checked.field(fieldName.apply("at"), () -> receipt.corrected(input.at()));
        EventValue value = input.value() == null ? null
                : Checked.field(fieldName.apply("value"), () -> new EventValue(input.value()));
        EventProperties properties = input.properties() == null ? null
                : Checked.field(fieldName.apply("properties"), () -> new EventProperties(input.properties()));
        return new Event(device, id, metric, at, value, properties);
    }
}
