package dev.abkit.persistence;

import dev.abkit.core.error.StorageUnavailableException;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reads that scan raw events within {@link AnalystScanLimits}: each in a transaction of its own
 * that sees one snapshot ({@link Database#inSnapshot}), whose statements may run for the analysts' statement
 * timeout ({@link StatementBudget}), and no more of
 * them at once than the limits allow, so they never hold more of the pool's connections than that. A scan
 * that finds no turn within the wait is refused as {@link StorageUnavailableException} (the edge answers
 * 503 with Retry-After) before it took a connection. Turns are given in arrival order.
 */
final class AnalystScans {

    private final Database database;
    private final AnalystScanLimits limits;
    private final Semaphore turns;

    AnalystScans(Database database, AnalystScanLimits limits) {
        this.database = database;
        this.limits = limits;
        this.turns = new Semaphore(limits.concurrentScans(), true);
    }

    <T> T read(String what, SqlWork<T> work) {
        awaitTurn(what);
        try {
            DatabaseKind kind = database.kind();
            return database.inSnapshot(what,
                    connection -> StatementBudget.of(kind, limits.statementTimeout()).run(connection, work));
        } finally {
            turns.release();
        }
    }

    private void awaitTurn(String what) {
        boolean turn;
        try {
            turn = turns.tryAcquire(limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting to " + what + "; try again later",
                    interrupted);
        }
        if (!turn) {
            throw new StorageUnavailableException("the analysts' queue is full: " + limits.concurrentScans()
                    + " scans of the raw events are running and none ended within " + limits.maxWait().toMillis()
                    + " ms, so this one did not start (to " + what + "); try again later");
        }
    }
}
