package dev.abkit.server;

import dev.abkit.persistence.AnalystScanLimits;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * {@code abkit.database.analyst-*}: what the results that scan raw events (a window, exposed devices) may take
 * ({@link AnalystScanLimits}). Read when the storage is built, at start-up: a limit that would let the scans
 * hold every pooled connection, or an impossible value, stops the start with one line.
 */
@Singleton
final class AnalystScansSetting {

    private final AnalystScanLimits limits;

    AnalystScansSetting(@Value("${abkit.database.analyst-statement-timeout:30s}") Duration statementTimeout,
                        @Value("${abkit.database.analyst-scans:2}") int scans,
                        @Value("${abkit.database.analyst-queue-wait:1s}") Duration queueWait,
                        @Value("${datasources.default.maximum-pool-size:10}") int poolSize) {
        if (scans >= poolSize) {
            throw new ConfigurationMistake("abkit.database.analyst-scans is " + scans + " but the pool has "
                    + poolSize + " connections (datasources.default.maximum-pool-size): the analysts' scans could hold"
                    + " every one of them; allow fewer scans or more connections", null);
        }
        try {
            this.limits = new AnalystScanLimits(statementTimeout, scans, queueWait);
        } catch (IllegalArgumentException impossible) {
            throw new ConfigurationMistake("abkit.database.analyst-*: " + impossible.getMessage(), impossible);
        }
    }

    AnalystScanLimits limits() {
        return limits;
    }
}
