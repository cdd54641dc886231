package dev.abkit.core.service;

import dev.abkit.core.model.Assignment;
import dev.abkit.core.model.Device;
import dev.abkit.core.model.DeviceAttributes;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;
import dev.abkit.core.port.in.ExperimentsForDevice;
import dev.abkit.core.port.out.DeviceActivity;
import dev.abkit.core.port.out.Devices;
import dev.abkit.core.port.out.Enrollment;
import dev.abkit.core.port.out.Experiments;
import dev.abkit.core.port.out.SlotCounters;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Serves devices their experiments, registering and enrolling a device at its first request.
 *
 * <p>With a device memory (see {@link #DeviceEnrollmentService(Experiments, Devices, Clock, long)}),
 * a returning device is answered from memory alone: its assignments, as remembered when it was
 * registered or first found, against the running experiments as last read by
 * {@link #refreshRunningExperiments()}. Without one, every call reads both ports. How each call was
 * answered is told to a {@link DeviceActivity}.
 *
 * <p>Every answer, from memory or storage, carries the device's QA overrides (R9) as read with the
 * running set ({@link RunningExperiments#overrides()}, decision 12); a new device takes no slot in an
 * experiment it is overridden in.
 */
public final class DeviceEnrollmentService implements ExperimentsForDevice {

    private final Experiments experiments;
    private final Devices devices;
    private final Clock clock;
    private final DeviceMemory memory;
    private final DeviceActivity activity;
    private final ExperimentCodes codes = new ExperimentCodes();
    /**
     * The newest running set this service has seen, from the port or from a registration that found
     * the store ahead of it: a device is never served by an older set than the one it was enrolled
     * with (R1).
     */
    private volatile RunningSet newest = RunningSet.NONE;

    public DeviceEnrollmentService(Experiments experiments, Devices devices, Clock clock) {
        this(experiments, devices, clock, 0);
    }

    /**
     * @param deviceMemoryBytes how much memory the remembered devices may take; 0 remembers none
     */
    public DeviceEnrollmentService(Experiments experiments, Devices devices, Clock clock, long deviceMemoryBytes) {
        this(experiments, devices, clock, deviceMemoryBytes, DeviceActivity.NONE);
    }

    /**
     * @param deviceMemoryBytes how much memory the remembered devices may take; 0 remembers none
     * @param activity          hears how each device was answered
     */
    public DeviceEnrollmentService(Experiments experiments, Devices devices, Clock clock, long deviceMemoryBytes,
                                   DeviceActivity activity) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (deviceMemoryBytes < 0) {
            throw new IllegalArgumentException("device memory must not be negative (got " + deviceMemoryBytes + ")");
        }
        this.memory = deviceMemoryBytes == 0 ? null : new DeviceMemory(deviceMemoryBytes);
    }

    @Override
    public Optional<List<Assignment>> fromMemory(DeviceToken token) {
        return Optional.ofNullable(recalled(token));
    }

    @Override
    public List<Assignment> experimentsFor(DeviceToken token, DeviceAttributes attributes) {
        List<Assignment> recalled = recalled(token);
        if (recalled != null) {
            return recalled;
        }
        RunningSet last = newest;
        RunningSet running = memory != null && last.isRead() ? last : newer(experiments.running());
        Optional<Device> stored = devices.find(token);
        if (stored.isPresent()) {
            remember(stored.get());
            activity.answeredFromStorage();
            return served(stored.get(), running.experiments);
        }
        Enrolling enrolling = new Enrolling(token, attributes);
        Device device = devices.registerOnce(token, clock.instant(), attributes, running.experiments, enrolling);
        remember(device);
        if (enrolling.ran) {
            activity.registered(device);
        } else {
            activity.answeredFromStorage(); // registered meanwhile by a concurrent call
        }
        return served(device, newest.experiments);
    }

    /**
     * Reads the running experiments from storage, for the answers from memory: call it every so often
     * (a stop made elsewhere reaches remembered devices here with the next call), and after a change.
     */
    public void refreshRunningExperiments() {
        keep(experiments.running(), true);
    }

    /** When the running experiments were last read from storage; {@code null} if never. */
    public Instant runningExperimentsReadAt() {
        return newest.readAt;
    }

    private List<Assignment> recalled(DeviceToken token) {
        RunningSet running = newest;
        if (memory == null || !running.isRead()) {
            return null;
        }
        List<Assignment> recalled = memory.recall(token.value(), codes, running.runningByCode);
        if (recalled == null) {
            return null;
        }
        activity.answeredFromMemory();
        // R9 on top of what the device holds; with no override anywhere, one look at an empty map.
        return running.experiments.overrides().applyTo(token, recalled);
    }

    private void remember(Device device) {
        if (memory == null) {
            return;
        }
        List<Assignment> assignments = device.assignments();
        int[] experimentCodes = new int[assignments.size()];
        int[] options = new int[assignments.size()];
        int remembered = 0;
        for (Assignment assignment : assignments) {
            if (assignment.isLeftOut()) {
                continue; // never served (R7), so not remembered: the answer lacks it as it should
            }
            int code = codeOf(assignment.experiment());
            int option = code < 0 ? -1 : codes.optionOf(code, assignment.value());
            if (option < 0) {
                return; // not codable (no code left): this device is answered from storage
            }
            experimentCodes[remembered] = code;
            options[remembered] = option;
            remembered++;
        }
        memory.remember(device.token().value(), experimentCodes, options, remembered);
    }

    /** Keeps {@code candidate} if it is newer than what this service has; @return the newest */
    /** The code of an experiment a device received; one this instance never read (stopped before it started) is read once. */
    private int codeOf(ExperimentKey experiment) {
        int code = codes.knownCodeOf(experiment);
        if (code >= 0) {
            return code;
        }
        return experiments.find(experiment).map(codes::codeOf).orElse(-1);
    }

    private RunningSet newer(RunningExperiments candidate) {
        return keep(candidate, false);
    }

    /**
     * @param reread whether {@code candidate} was read from storage just now: then it also renews the
     *               time of the last read, for an equal version too
     */
    private synchronized RunningSet keep(RunningExperiments candidate, boolean reread) {
        RunningSet known = newest;
        long version = known.experiments.version();
        if (candidate.version() > version || (reread && candidate.version() == version) || !known.isRead()) {
            newest = RunningSet.of(candidate, codes, clock.instant());
        }
        return newest;
    }

    /**
     * R2, R3, R7, R8: a new device joins every experiment running now (not a closed one) whose audience
     * admits the attributes of its first request, each at its next slot, all slots taken in one call;
     * the slot decides whether the experiment's coverage enrols it and with which option, or leaves it
     * out for good. An experiment that does not admit it takes no slot from it, so its slots, and with
     * them the exact shares, count eligible devices only.
     */
    static List<Assignment> enroll(List<Experiment> running, DeviceAttributes attributes, SlotCounters slots) {
        List<Experiment> joined = new ArrayList<>(running.size());
        List<ExperimentKey> keys = new ArrayList<>(running.size());
        for (Experiment experiment : running) {
            if (experiment.admits(attributes)) {
                joined.add(experiment);
                keys.add(experiment.key());
            }
        }
        long[] taken = slots.takeEach(keys);
        List<Assignment> assignments = new ArrayList<>(joined.size());
        for (int i = 0; i < taken.length; i++) {
            Experiment experiment = joined.get(i);
            assignments.add(experiment.optionAtSlot(taken[i])
                    .map(option -> new Assignment(experiment.key(), option.value()))
                    .orElseGet(() -> Assignment.leftOut(experiment.key())));
        }
        return assignments;
    }

    /**
     * R1: what the device received, limited to experiments still served (running or closed), in
     * their creation order. A device never joins an experiment later, so a served experiment it lacks
     * stays absent (R2).
     */
    static List<Assignment> served(Device device, List<Experiment> running) {
        List<Assignment> served = new ArrayList<>(running.size());
        for (Experiment experiment : running) {
            device.valueIn(experiment.key())
                    .ifPresent(value -> served.add(new Assignment(experiment.key(), value)));
        }
        return served;
    }

    /** As {@link #served(Device, List)}, with the device's QA overrides put in or over its own values (R9). */
    static List<Assignment> served(Device device, RunningExperiments running) {
        return running.overrides().applyTo(device.token(), served(device, running.experiments()));
    }

    /**
     * The experiments a new device joins: the running ones, but not those it is overridden in, where
     * it takes no slot (R9), so that allocation among the enrolled stays exact.
     */
    static List<Experiment> joinedBy(DeviceToken token, RunningExperiments running) {
        List<Experiment> joining = running.enrolling();
        if (!running.overrides().isEmpty()) {
            joining.removeIf(experiment -> running.overrides().holds(token, experiment.key()));
        }
        return joining;
    }

    /**
     * The enrollment of one registration, which knows afterwards whether it ran: only the call that
     * inserts the device runs it ({@link Devices#registerOnce}), so a call whose enrollment ran and that
     * returned is the one that registered the device.
     */
    private final class Enrolling implements Enrollment {

        private final DeviceToken token;
        private final DeviceAttributes attributes;
        boolean ran;

        Enrolling(DeviceToken token, DeviceAttributes attributes) {
            this.token = token;
            this.attributes = attributes == null ? DeviceAttributes.UNKNOWN : attributes;
        }

        @Override
        public List<Assignment> assign(RunningExperiments current, SlotCounters slots) {
            newer(current);
            List<Assignment> assignments = enroll(joinedBy(token, current), attributes, slots);
            ran = true;
            return assignments;
        }
    }

    /** A running set as read, with which experiment codes run, for the answers from memory. */
    private static final class RunningSet {

        static final RunningSet NONE = new RunningSet(RunningExperiments.none(), new boolean[0], null);

        final RunningExperiments experiments;
        final boolean[] runningByCode;
        final Instant readAt;

        private RunningSet(RunningExperiments experiments, boolean[] runningByCode, Instant readAt) {
            this.experiments = experiments;
            this.runningByCode = runningByCode;
            this.readAt = readAt;
        }

        static RunningSet of(RunningExperiments experiments, ExperimentCodes codes, Instant readAt) {
            int[] running = new int[experiments.experiments().size()];
            int highest = -1;
            for (int i = 0; i < running.length; i++) {
                running[i] = codes.codeOf(experiments.experiments().get(i));
                highest = Math.max(highest, running[i]);
            }
            boolean[] runningByCode = new boolean[highest + 1];
            for (int code : running) {
                if (code >= 0) {
                    runningByCode[code] = true;
                }
            }
            return new RunningSet(experiments, runningByCode, readAt);
        }

        boolean isRead() {
            return readAt != null;
        }
    }
}
