package dev.abkit.core.port.out;

import dev.abkit.core.event.EventBatch;
import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.results.SlotsHandedOut;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the events and exposures devices report are kept, and what results read of them (issue 14, R10).
 *
 * <h2>Which events count</h2>
 * A device counts in option {@code o} of experiment {@code x} when its assignment in {@code x} has the value
 * {@code o} (a device the coverage left out, R7, has none and counts nowhere) and it is not among the
 * {@link ResultsScope#excluded()} devices (the core excludes overridden ones, R9). Its events count from its
 * <em>counting start</em>: its {@code firstSeen} (every assignment of a device happens at its registration, R2),
 * or with {@code exposed} the later of that and its first exposure to {@code x}. An event of the scope's metric
 * counts when its corrected time is at or after the device's counting start and inside the window
 * {@code [from, to)} (an open end does not bound); a device counts at all only if its counting start is before
 * {@code to}. Events of devices not in the experiment, or before their counting start, are kept but never counted.
 *
 * <h2>Exactly once</h2>
 * An event is identified by its device and its id: whatever the retries, concurrent or later, a store keeps it
 * once and counts it once. An exposure is kept as the earliest (corrected time) per device and experiment.
 * The store may forget ids after {@link #eventsKeptSince()}: it keeps the raw events (and the ids that make
 * retries idempotent) for a retention period, and what results read of older events only as far as its
 * aggregates hold them (the whole-life query of all or of exposed devices, {@link ResultsScope#isWholeLife()}).
 */
public interface EventStore {

    /**
     * Stores the events of {@code batch} that {@code device} has not sent before, each once, and whatever the
     * store keeps to answer {@link #figures} for them, in one unit: all of the batch's new events or none.
     *
     * @param device the registered device the batch is from, with its {@code firstSeen} and assignments
     * @return how many of the batch's events had been stored before (duplicates of an earlier request)
     */
    int store(Device device, EventBatch batch);

    /**
     * Keeps each exposure of {@code batch} unless {@code device} has one at least as early for that experiment,
     * in one unit. Exposures to experiments the device is not in are kept too, and never counted.
     */
    void expose(Device device, ExposureBatch batch);

    /** What the results of {@code scope} are computed from; every option of the experiment has its figures. */
    MetricFigures figures(ResultsScope scope);

    /**
     * Per UTC day from the experiment's first assignment to {@code until}'s day: for each option the devices
     * assigned that day and the devices whose first counted event of {@code metric} was that day (whole life,
     * all devices, {@code excluded} left out). Days without either may be absent.
     */
    List<DayFigures> daily(Experiment experiment, MetricName metric, Set<DeviceToken> excluded, Instant until);

    /** The metrics with at least one counted event for a device of {@code experiment}, by name. */
    List<MetricName> metricsOf(ExperimentKey experiment);

    /**
     * The corrected time from which the store still holds every event individually (its retention): a window or
     * an exposed query reaching before it cannot be answered exactly. {@link Instant#MIN} if it keeps all.
     */
    Instant eventsKeptSince();

    /**
     * One results query as storage sees it.
     *
     * @param experiment the experiment, for its options (every one gets figures, in any order)
     * @param from       the window's inclusive start; empty for open
     * @param to         the window's exclusive end; empty for open
     * @param exposed    whether only exposed devices count, each from its first exposure
     * @param excluded   devices that never count (the core passes the overridden ones, R9)
     */
    record ResultsScope(Experiment experiment, MetricName metric, Optional<Instant> from, Optional<Instant> to,
                        boolean exposed, Set<DeviceToken> excluded) {

        public ResultsScope {
            Objects.requireNonNull(experiment, "experiment");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            excluded = Set.copyOf(excluded);
        }

        /** No window, every device or the exposed ones: what aggregates kept at ingest answer without reading events. */
        public boolean isWholeLife() {
            return from.isEmpty() && to.isEmpty();
        }
    }

    /**
     * The figures of one scope.
     *
     * @param options   per option value
     * @param slots     the experiment's whole allocation so far, whatever the scope's window: per option the stored
     *                  devices not in {@link ResultsScope#excluded()}, and the slots known to be hidden (the excluded
     *                  devices', those of registrations in flight, lost ones waiting to be handed out again; never a
     *                  slot that should be counted and is not)
     * @param hasValues whether any counted event carried a value: a value metric, whose means are reported
     */
    record MetricFigures(Map<String, OptionFigures> options, SlotsHandedOut slots, boolean hasValues) {

        public MetricFigures {
            options = Map.copyOf(options);
            Objects.requireNonNull(slots, "slots");
        }
    }

    /**
     * One option's figures.
     *
     * @param assigned     devices that count in the option, exposed or not, assigned before {@code to}
     * @param exposed      of those, the exposed ones (exposure before {@code to}); 0 unless the scope is exposed
     * @param conversions  counting devices (the exposed ones with {@code exposed}) with at least one counted event
     * @param sum          Σ over counted events of their values (an event without one adds 0)
     * @param sumOfSquares Σ over counting devices of the square of the device's sum
     */
    record OptionFigures(long assigned, long exposed, long conversions, double sum, double sumOfSquares) {
    }

    /** One UTC day's new devices and new converters per option value. */
    record DayFigures(LocalDate day, Map<String, DayCounts> options) {

        public DayFigures {
            Objects.requireNonNull(day, "day");
            options = Map.copyOf(options);
        }
    }

    /** @param assigned devices assigned that day; @param converted devices whose first counted event was that day */
    record DayCounts(long assigned, long converted) {
    }
}
