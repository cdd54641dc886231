package dev.abkit.persistence;

import dev.abkit.core.model.DeviceToken;

/**
 * Which row of the striped statistics counters a registration adds to. Spreading registrations
 * over several rows keeps concurrent ones from queueing on one hot row lock; readers add the
 * stripes up.
 */
final class Stripes {

    /** The rows per counter, created by the migrations (V1, and per experiment by JdbcExperiments). */
    static final int COUNT = 16;

    private Stripes() {
    }

    static int of(DeviceToken token) {
        return Math.floorMod(token.value().hashCode(), COUNT);
    }
}
