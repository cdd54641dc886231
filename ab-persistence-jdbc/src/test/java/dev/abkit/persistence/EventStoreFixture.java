package dev.abkit.persistence;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventId;
import dev.abkit.core.event.EventValue;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.service.DeviceEnrollmentService;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Registered devices and their events for the event store's tests, on one {@link Instance}. */
final class EventStoreFixture {

    private final Instance instance;
    private final DeviceEnrollmentService enrollment;

    EventStoreFixture(Instance instance) {
        this.instance = instance;
        this.enrollment = new DeviceEnrollmentService(instance.ports().experiments(), instance.ports().devices(),
                Clock.systemUTC());
    }

    /** A device registered now, enrolled into the shipped experiments. */
    Device register(String token) {
        enrollment.experimentsFor(DeviceToken.of(token));
        return instance.ports().devices().find(DeviceToken.of(token)).orElseThrow();
    }

    /** A device first seen at {@code firstSeen}, enrolled into the experiments created before it. */
    static Device registeredAt(Instance instance, String token, Instant firstSeen) {
        new DeviceEnrollmentService(instance.ports().experiments(), instance.ports().devices(),
                Clock.fixed(firstSeen, ZoneOffset.UTC)).experimentsFor(DeviceToken.of(token));
        return instance.ports().devices().find(DeviceToken.of(token)).orElseThrow();
    }

    static Event event(Device device, String id, String metric, Instant at, Double value) {
        return new Event(device.token(), EventId.of(id), MetricName.of(metric), at,
                value == null ? null : EventValue.of(value), null);
    }

    static EventBatch batch(Event... events) {
        return new EventBatch(List.of(events), 0);
    }
}
