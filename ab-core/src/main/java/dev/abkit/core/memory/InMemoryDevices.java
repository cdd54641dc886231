package dev.abkit.core.memory;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.model.StoredDevice;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.port.out.EnrollmentCounts;
import dev.abkit.core.port.out.SlotCounters;
import dev.abkit.core.results.SlotsHandedOut;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Devices in memory, each with the slot of every assignment, and counts kept as they register so
 * statistics never scan. Registration runs inside {@link ConcurrentHashMap#computeIfAbsent}: one
 * caller per token enrolls, the others wait for and get its result. It enrolls into the running set of {@link InMemoryExperiments}, which no
 * change replaces meanwhile (R2). A failing enrollment stores nothing and gives its slots back;
 * the next registrations take given-back slots first, lowest first, so no gap lasts (R3).
 */
public final class InMemoryDevices implements Devices, EnrollmentCounts {

    private final ConcurrentHashMap<DeviceToken, StoredDevice> devices = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ExperimentKey, ConcurrentHashMap<String, LongAdder>> counts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ExperimentKey, ConcurrentSkipListSet<Long>> givenBack = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ExperimentKey, LongAdder> leftOut = new ConcurrentHashMap<>();
    /** Per experiment, one more than the highest slot taken: where a coverage change may begin (R7). */
    private final ConcurrentHashMap<ExperimentKey, LongAccumulator> handedOut = new ConcurrentHashMap<>();
    private final InMemoryExperiments experiments;
    private final SlotCounters slots;

    public InMemoryDevices(InMemoryExperiments experiments, SlotCounters slots) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.slots = Objects.requireNonNull(slots, "slots");
        experiments.countSlotsWith(this::slotsHandedOut);
    }

    private long slotsHandedOut(ExperimentKey experiment) {
        LongAccumulator highest = handedOut.get(experiment);
        return highest == null ? 0 : highest.get();
    }

    @Override
    public Optional<Device> find(DeviceToken token) {
        StoredDevice stored = devices.get(token);
        return stored == null ? Optional.empty() : Optional.of(stored.device());
    }

    @Override
    public Optional<StoredDevice> findWithSlots(DeviceToken token) {
        return Optional.ofNullable(devices.get(token));
    }

    /** Every device as stored, with its slots, in no order: what the in-memory exports sort and filter. */
    List<StoredDevice> stored() {
        return List.copyOf(devices.values());
    }

    /**
     * The allocation of {@code experiment} for the results' exactness check, in one pass over the stored devices: per
     * option those not {@code excluded}; hidden, the excluded ones and the slots handed out that no stored device
     * holds (registrations in flight, or failed and given back, waiting), the slots read after the pass so that a
     * device stored meanwhile is either seen or hidden. In memory nothing stored is lost: every slot is accounted for.
     */
    SlotsHandedOut allocationOf(Experiment experiment, Set<DeviceToken> excluded) {
        ExperimentKey key = experiment.key();
        Map<String, Long> counted = new LinkedHashMap<>();
        experiment.options().forEach(option -> counted.put(option.value(), 0L));
        long held = 0;
        long overridden = 0;
        for (StoredDevice stored : devices.values()) {
            if (!stored.slots().containsKey(key)) {
                continue;
            }
            held++;
            Optional<String> value = stored.device().valueIn(key);
            if (value.isPresent() && excluded.contains(stored.device().token())) {
                overridden++;
            } else {
                value.ifPresent(option -> counted.merge(option, 1L, Long::sum));
            }
        }
        return SlotsHandedOut.hiding(counted, overridden + Math.max(0, slotsHandedOut(key) - held));
    }

    /** Every device with an option value in {@code experiment} (not left out by its coverage), in no order. */
    public List<Device> assignedIn(ExperimentKey experiment) {
        List<Device> assigned = new ArrayList<>();
        for (StoredDevice stored : devices.values()) {
            if (stored.device().valueIn(experiment).isPresent()) {
                assigned.add(stored.device());
            }
        }
        return assigned;
    }

    @Override
    public Device registerOnce(DeviceToken token, Instant firstSeen, DeviceAttributes attributes,
                               RunningExperiments assumed, Enrollment enrollment) {
        StoredDevice known = devices.get(token);
        if (known != null) {
            return known.device();
        }
        // The store's own set is always at hand here, so the assumed one is not needed.
        return devices.computeIfAbsent(token, newToken -> experiments.whileUnchanged(
                running -> register(newToken, firstSeen, attributes, running, enrollment))).device();
    }

    private StoredDevice register(DeviceToken token, Instant firstSeen, DeviceAttributes attributes,
                                  RunningExperiments running, Enrollment enrollment) {
        RegistrationSlots taken = new RegistrationSlots();
        boolean registered = false;
        try {
            Device device = new Device(token, firstSeen, attributes, enrollment.assign(running, taken));
            Map<ExperimentKey, Long> slots = new HashMap<>();
            for (Assignment assignment : device.assignments()) {
                slots.put(assignment.experiment(), taken.slotOf(assignment.experiment()));
            }
            StoredDevice stored = new StoredDevice(device, slots);
            device.assignments().forEach(this::count);
            registered = true;
            return stored;
        } finally {
            if (!registered) {
                taken.giveBack();
            }
        }
    }

    private ConcurrentSkipListSet<Long> givenBack(ExperimentKey experiment) {
        return givenBack.computeIfAbsent(experiment, key -> new ConcurrentSkipListSet<>());
    }

    private void count(Assignment assignment) {
        if (assignment.isLeftOut()) {
            leftOut.computeIfAbsent(assignment.experiment(), key -> new LongAdder()).increment();
            return;
        }
        counts.computeIfAbsent(assignment.experiment(), key -> new ConcurrentHashMap<>())
                .computeIfAbsent(assignment.value(), value -> new LongAdder())
                .increment();
    }

    @Override
    public long registeredDevices() {
        return devices.mappingCount();
    }

    @Override
    public List<OptionCount> optionCounts() {
        List<OptionCount> result = new ArrayList<>();
        for (Map.Entry<ExperimentKey, ConcurrentHashMap<String, LongAdder>> experiment : counts.entrySet()) {
            for (Map.Entry<String, LongAdder> option : experiment.getValue().entrySet()) {
                result.add(new OptionCount(experiment.getKey(), option.getKey(), option.getValue().sum()));
            }
        }
        return result;
    }

    @Override
    public Map<ExperimentKey, Long> leftOutCounts() {
        Map<ExperimentKey, Long> result = new HashMap<>();
        leftOut.forEach((experiment, devices) -> result.put(experiment, devices.sum()));
        return result;
    }

    /** The slots of one registration: given-back ones first, then fresh ones; all given back if it fails. */
    private final class RegistrationSlots implements SlotCounters {

        private final List<ExperimentKey> experimentsTaken = new ArrayList<>();
        private final List<Long> slotsTaken = new ArrayList<>();

        @Override
        public long[] takeEach(List<ExperimentKey> wanted) {
            long[] result = new long[wanted.size()];
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < result.length; i++) {
                Long reused = givenBack(wanted.get(i)).pollFirst();
                if (reused == null) {
                    fresh.add(i);
                } else {
                    result[i] = reused;
                    record(wanted.get(i), reused);
                }
            }
            if (!fresh.isEmpty()) {
                long[] next = slots.takeEach(fresh.stream().map(wanted::get).toList());
                for (int j = 0; j < next.length; j++) {
                    result[fresh.get(j)] = next[j];
                    record(wanted.get(fresh.get(j)), next[j]);
                }
            }
            return result;
        }

        /** @throws IllegalStateException if the enrollment assigned an experiment without taking a slot of it */
        long slotOf(ExperimentKey experiment) {
            int at = experimentsTaken.lastIndexOf(experiment);
            if (at < 0) {
                throw new IllegalStateException("the enrollment assigned experiment " + experiment
                        + " without taking a slot of it; every assignment must come from a slot (R3)");
            }
            return slotsTaken.get(at);
        }

        private void record(ExperimentKey experiment, long slot) {
            handedOut.computeIfAbsent(experiment, key -> new LongAccumulator(Math::max, 0)).accumulate(slot + 1);
            experimentsTaken.add(experiment);
            slotsTaken.add(slot);
        }

        void giveBack() {
            for (int i = 0; i < slotsTaken.size(); i++) {
                givenBack(experimentsTaken.get(i)).add(slotsTaken.get(i));
            }
        }
    }
}
