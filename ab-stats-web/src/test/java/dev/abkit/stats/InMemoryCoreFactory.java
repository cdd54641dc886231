package dev.abkit.stats;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.memory.InMemoryTokens;
import dev.abkit.core.service.TokenService;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.port.in.ReadResults;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Stands in for the composition root of ab-server: the whole core on its in-memory adapters, the
 * use cases this module needs from it ({@link ExperimentStatistics}, {@link FindExperiments}, {@link ReadAudit} and
 * {@link ReadResults}: scripted over the core's own calculation, or in the {@value #CORE_RESULTS}
 * environment the core's own), and a known admin token. The clock is fixed so that {@code takenAt}
 * is known to the tests.
 */
@Factory
class InMemoryCoreFactory {

    static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    static final String ADMIN_TOKEN = "stats-test-admin-token";
    static final String CORE_RESULTS = "core-results";

    @Singleton
    AbKit abkit() {
        return AbKit.inMemory(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Singleton
    ExperimentStatistics experimentStatistics(AbKit abkit) {
        return abkit.statistics();
    }

    @Singleton
    FindExperiments findExperiments(AbKit abkit) {
        return abkit.findExperiments();
    }

    /** The trail of the changes made to the in-memory stores, shown on the results page. */
    @Singleton
    ReadAudit readAudit(AbKit abkit) {
        return abkit.readAudit();
    }

    /** Results whose figures the test sets: most page tests are about how known figures are shown. */
    @Singleton
    @Requires(notEnv = CORE_RESULTS)
    ScriptedResults scriptedResults(FindExperiments experiments) {
        return new ScriptedResults(experiments);
    }

    /** The core's own results over the events a test records, for the tests that run the whole way. */
    @Singleton
    @Requires(env = CORE_RESULTS)
    ReadResults readResults(AbKit abkit) {
        return abkit.readResults();
    }

    /** The known admin token as the bootstrap admin, and personal tokens kept in memory. */
    @Singleton
    TokenService tokens() {
        return new TokenService(new InMemoryTokens(), AdminToken.of(ADMIN_TOKEN), Clock.systemUTC(), new SecureRandom());
    }
}
