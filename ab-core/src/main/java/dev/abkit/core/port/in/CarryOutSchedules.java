package dev.abkit.core.port.in;

import dev.abkit.core.model.Experiment;

import java.util.List;

/**
 * Starts, closes and stops the experiments whose {@code startAt} or {@code endAt} has come. Call it
 * every fraction of a second on every instance: each due change is carried out once, by whichever
 * call gets there first, and a call after a restart catches up with what came due meanwhile.
 */
public interface CarryOutSchedules {

    /** @return the experiments this call changed, as they are now */
    List<Experiment> carryOutDue();
}
