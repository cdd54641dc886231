package dev.abkit.core.memory;

import dev.abkit.core.event.Event;
import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.EventId;
import dev.abkit.core.event.Exposure;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.export.EventRow;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.out.EventStore;
import dev.abkit.core.results.SlotsHandedOut;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Events and exposures in memory, and the reference reading of {@link EventStore}'s counting rule: every answer
 * scans the events of the experiment's devices, so it is plainly the rule and nothing cleverer. One lock makes each
 * batch one unit and every id stored once, whatever retries run at the same time; embedded use is small enough for
 * that. It keeps every event for good ({@link #eventsKeptSince()} is {@link Instant#MIN}).
 */
public final class InMemoryEventStore implements EventStore {

    private final InMemoryDevices devices;
    private final Object lock = new Object();
    private final Map<DeviceToken, Map<EventId, Event>> events = new HashMap<>();
    private final Map<DeviceToken, Map<ExperimentKey, Instant>> firstExposures = new HashMap<>();
    /** When each stored event was received, by device and id: what the event export shows beside its time. */
    private final Map<DeviceToken, Map<EventId, Instant>> receivedAt = new HashMap<>();
    private final Clock clock;

    /** @param devices where the experiment's devices are read from: every one counts in the denominators */
    public InMemoryEventStore(InMemoryDevices devices) {
        this(devices, Clock.systemUTC());
    }

    /** @param clock when events are received, for the event export */
    public InMemoryEventStore(InMemoryDevices devices, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int store(Device device, EventBatch batch) {
        synchronized (lock) {
            Map<EventId, Event> mine = events.computeIfAbsent(device.token(), token -> new LinkedHashMap<>());
            Map<EventId, Instant> received = receivedAt.computeIfAbsent(device.token(), token -> new HashMap<>());
            Instant now = clock.instant();
            int storedBefore = 0;
            for (Event event : batch.events()) {
                if (mine.putIfAbsent(event.id(), event) != null) {
                    storedBefore++;
                } else {
                    received.put(event.id(), now.isBefore(event.at()) ? event.at() : now);
                }
            }
            return storedBefore;
        }
    }

    @Override
    public void expose(Device device, ExposureBatch batch) {
        synchronized (lock) {
            Map<ExperimentKey, Instant> mine = firstExposures.computeIfAbsent(device.token(), token -> new HashMap<>());
            for (Exposure exposure : batch.exposures()) {
                mine.merge(exposure.experiment(), exposure.at(), (kept, later) -> later.isBefore(kept) ? later : kept);
            }
        }
    }

    @Override
    public MetricFigures figures(ResultsScope scope) {
        ExperimentKey key = scope.experiment().key();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        scope.experiment().options().forEach(option -> tallies.put(option.value(), new Tally()));
        SlotsHandedOut allocation = devices.allocationOf(scope.experiment(), scope.excluded());
        boolean hasValues = false;
        synchronized (lock) {
            for (Device device : devices.assignedIn(key)) {
                String value = device.valueIn(key).orElseThrow();
                Tally tally = tallies.get(value);
                if (tally == null || !before(device.firstSeen(), scope.to()) || scope.excluded().contains(device.token())) {
                    continue;
                }
                tally.assigned++;
                Optional<Instant> start = countingStart(device, key, scope.exposed());
                if (start.isEmpty() || !before(start.get(), scope.to())) {
                    continue;
                }
                tally.exposed += scope.exposed() ? 1 : 0;
                boolean converted = false;
                double deviceSum = 0;
                for (Event event : eventsOf(device.token())) {
                    if (event.metric().equals(scope.metric()) && !event.at().isBefore(start.get())
                            && (scope.from().isEmpty() || !event.at().isBefore(scope.from().get()))
                            && before(event.at(), scope.to())) {
                        converted = true;
                        if (event.value() != null) {
                            hasValues = true;
                            deviceSum += event.value().amount();
                        }
                    }
                }
                tally.conversions += converted ? 1 : 0;
                tally.sum += deviceSum;
                tally.sumOfSquares += deviceSum * deviceSum;
            }
        }
        Map<String, OptionFigures> options = new HashMap<>();
        tallies.forEach((value, tally) -> options.put(value, tally.figures()));
        return new MetricFigures(options, allocation, hasValues);
    }

    @Override
    public List<DayFigures> daily(Experiment experiment, MetricName metric, Set<DeviceToken> excluded, Instant until) {
        ExperimentKey key = experiment.key();
        TreeMap<LocalDate, Map<String, long[]>> days = new TreeMap<>();
        synchronized (lock) {
            for (Device device : devices.assignedIn(key)) {
                String value = device.valueIn(key).orElseThrow();
                if (excluded.contains(device.token()) || device.firstSeen().isAfter(until)) {
                    continue;
                }
                dayOf(days, experiment, device.firstSeen())
                        .computeIfAbsent(value, v -> new long[2])[0]++;
                eventsOf(device.token()).stream()
                        .filter(event -> event.metric().equals(metric) && !event.at().isBefore(device.firstSeen())
                                && !event.at().isAfter(until))
                        .map(Event::at).min(Instant::compareTo)
                        .ifPresent(first -> dayOf(days, experiment, first).computeIfAbsent(value, v -> new long[2])[1]++);
            }
        }
        List<DayFigures> answer = new ArrayList<>();
        days.forEach((day, counts) -> {
            Map<String, DayCounts> options = new HashMap<>();
            counts.forEach((value, both) -> options.put(value, new DayCounts(both[0], both[1])));
            answer.add(new DayFigures(day, options));
        });
        return answer;
    }

    @Override
    public List<MetricName> metricsOf(ExperimentKey experiment) {
        Set<MetricName> metrics = new TreeSet<>();
        synchronized (lock) {
            for (Device device : devices.assignedIn(experiment)) {
                for (Event event : eventsOf(device.token())) {
                    if (!event.at().isBefore(device.firstSeen())) {
                        metrics.add(event.metric());
                    }
                }
            }
        }
        return List.copyOf(metrics);
    }

    /** Every stored event of {@code device} with when it was received, copied under the lock. */
    List<EventRow> storedEventsOf(DeviceToken device) {
        synchronized (lock) {
            Map<EventId, Instant> received = receivedAt.getOrDefault(device, Map.of());
            return events.getOrDefault(device, Map.of()).values().stream()
                    .map(event -> new EventRow(event, received.get(event.id()))).toList();
        }
    }

    @Override
    public Instant eventsKeptSince() {
        return Instant.MIN;
    }

    /** From when the device's events count: its assignment, or with {@code exposed} its first exposure if later. */
    private Optional<Instant> countingStart(Device device, ExperimentKey experiment, boolean exposed) {
        if (!exposed) {
            return Optional.of(device.firstSeen());
        }
        Instant exposure = firstExposures.getOrDefault(device.token(), Map.of()).get(experiment);
        return exposure == null ? Optional.empty()
                : Optional.of(exposure.isAfter(device.firstSeen()) ? exposure : device.firstSeen());
    }

    private List<Event> eventsOf(DeviceToken device) {
        return List.copyOf(events.getOrDefault(device, Map.of()).values());
    }

    private static boolean before(Instant instant, Optional<Instant> end) {
        return end.isEmpty() || instant.isBefore(end.get());
    }

    private static Map<String, long[]> dayOf(TreeMap<LocalDate, Map<String, long[]>> days, Experiment experiment,
                                             Instant instant) {
        return days.computeIfAbsent(LocalDate.ofInstant(instant, ZoneOffset.UTC), day -> {
            Map<String, long[]> options = new HashMap<>();
            for (Option option : experiment.options()) {
                options.put(option.value(), new long[2]);
            }
            return options;
        });
    }

    /** One option's running counts while scanning. */
    private static final class Tally {
        long assigned;
        long exposed;
        long conversions;
        double sum;
        double sumOfSquares;

        OptionFigures figures() {
            return new OptionFigures(assigned, exposed, conversions, sum, sumOfSquares);
        }
    }
}
