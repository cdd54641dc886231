package dev.abkit.core.port.out;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.RunningExperiments;

import java.util.List;
import java.util.Optional;

/**
 * Where experiments are kept. Lists are in creation order: the order devices see their keys in. Every
 * change comes with its audit entry, which the store keeps in the same transaction as the change, and
 * only if the change is made: never one without the other (decision 19).
 */
public interface Experiments {

    /**
     * Keeps a new experiment, and makes sure the next device enrolled into it takes slot 0.
     *
     * @throws DuplicateExperimentException if its key is taken, also by a stopped experiment
     */
    void add(Experiment experiment, AuditEntry entry);

    /**
     * Keeps {@code changed} in place of {@code expected}, if the kept experiment's lifecycle (status,
     * start, end, start instant, end action) is still that of {@code expected}: a compare-and-set, so
     * that of several instances carrying out one due start only one does (exactly once), and an
     * admin call decides on what is stored; the coverage plan, options and audience must still be those of
     * {@code expected} too, so that of two edits of one draft decided on the same version only the first is
     * kept. Options and audience change only while the kept one is a draft.
     *
     * <p>A pending coverage change of {@code changed} (R7) is placed here, by
     * {@link Experiment#settledAt} with the number of the experiment's slots handed out, read while no
     * registration is in flight (under the same exclusive lock as the change), so that no slot handed
     * out under the old plan falls under the new one.
     * Makes a new catalog version when it changes something, atomically with the change; none when
     * it does not.
     *
     * @param entry kept only if it replaced it
     * @return whether it replaced it
     * @throws UnknownExperimentException if no experiment has that key
     */
    boolean replace(Experiment expected, Experiment changed, AuditEntry entry);

    Optional<Experiment> find(ExperimentKey key);

    /** Every experiment, in every status, in creation order. */
    List<Experiment> all();

    /** The served experiments (RUNNING and CLOSED) in creation order, with the catalog version they were read at. */
    RunningExperiments running();

    /**
     * The experiments that may have a scheduled start or end ahead: every one not STOPPED with a
     * {@code startAt} or an {@code endAt}, in creation order. Which of them is due is the core's
     * decision; this only keeps the others out of the check that runs several times a second.
     */
    List<Experiment> withSchedule();

    /**
     * Keeps a QA override (R9) in place of the device's override in that experiment, if that is still
     * {@code expected} (none: the device had none), and makes a new catalog version atomically with it, under
     * the same lock as every other catalog change: the served set read at that version carries it
     * ({@link RunningExperiments#overrides()}). A compare-and-set, so that the entry's {@code before} is what
     * the override replaced.
     *
     * @return whether it kept it
     * @throws UnknownExperimentException if no experiment has that key
     */
    boolean putOverride(Optional<DeviceOverride> expected, DeviceOverride override, AuditEntry entry);

    /**
     * Removes {@code expected}, the override of its device in its experiment, if it is still the one kept,
     * making a new catalog version.
     *
     * @param entry kept only if it removed it
     * @return whether it removed it (false: there is none, or another one now)
     */
    boolean removeOverride(DeviceOverride expected, AuditEntry entry);

    /**
     * Every override kept, of every experiment (stopped ones included): by experiment in creation order,
     * each experiment's by {@code createdAt}. Overrides are few (QA devices).
     */
    List<DeviceOverride> overrides();
}
