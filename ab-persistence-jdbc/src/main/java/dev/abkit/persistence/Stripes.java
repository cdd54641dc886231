package dev.abkit.persistence;


import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which row of the striped statistics counters a registration adds to. A registration keeps its
 * counter rows locked from its update until its commit, so two on the same stripe at once queue on
 * each other for a whole commit. Each registration in flight therefore leases a stripe no other
 * registration of this instance holds, while there are enough; readers add the stripes up, so
 * which stripe counted a device does not matter. Other instances on the same database may still
 * pick the same stripe: then one waits for the other's commit, as any two writers of a row do.
 */
final class Stripes {

    /** The rows per counter, created by the migrations (V1, and per experiment by JdbcExperiments). */
    static final int COUNT = 16;

    private final BlockingQueue<Integer> free = new ArrayBlockingQueue<>(COUNT);

    Stripes() {
        for (int stripe = 0; stripe < COUNT; stripe++) {
            free.add(stripe);
        }
    }

    /** A stripe of its own for one registration; give it back with {@link #release} after the commit. */
    Lease lease() {
        Integer stripe = free.poll();
        if (stripe == null) { // more registrations in flight than stripes: share one
            return new Lease(ThreadLocalRandom.current().nextInt(COUNT), false);
        }
        return new Lease(stripe, true);
    }

    void release(Lease lease) {
        if (lease.exclusive()) {
            free.add(lease.stripe());
        }
    }

    /** @param exclusive whether this instance gave the stripe to nobody else until its release */
    record Lease(int stripe, boolean exclusive) {
    }
}
