package dev.abkit.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * What the reads that scan raw events (results of a window or of exposed devices) may take, apart from the
 * rest of the storage's work: each may run for {@code statementTimeout} instead of the connection's ordinary
 * statement timeout, at most {@code concurrentScans} run at once, and one more waits at most {@code maxWait}
 * for its turn before it is refused. So an analyst's question is answered even when it reads millions of
 * rows, and the connections beyond {@code concurrentScans} stay with the mobile endpoint and the writes.
 *
 * @param statementTimeout how long one statement of a scan may run; positive
 * @param concurrentScans  how many scans may hold a connection at once; at least 1
 * @param maxWait          how long a scan waits for one of them to end; zero or more
 */
public record AnalystScanLimits(Duration statementTimeout, int concurrentScans, Duration maxWait) {

    /** 30 s per statement, 2 scans at once, 1 s of waiting for a turn. */
    public static final AnalystScanLimits DEFAULT = new AnalystScanLimits(Duration.ofSeconds(30), 2, Duration.ofSeconds(1));

    public AnalystScanLimits {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(maxWait, "maxWait");
        if (statementTimeout.isNegative() || statementTimeout.toMillis() == 0) {
            throw new IllegalArgumentException("the analysts' statement timeout must be at least 1 ms, not "
                    + statementTimeout);
        }
        if (concurrentScans < 1) {
            throw new IllegalArgumentException("at least one analyst scan must be allowed at once, not " + concurrentScans);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the analysts' wait for a turn cannot be negative: " + maxWait);
        }
    }
}
