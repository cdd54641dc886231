package dev.abkit.stats;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.FindExperiments;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Stands in for the composition root of ab-server: the whole core on its in-memory adapters, the
 * use cases this module needs from it ({@link ExperimentStatistics}, {@link FindExperiments}, and
 * results scripted over the core's own calculation), and a known admin token. The clock is fixed
 * so that {@code takenAt} is known to the tests.
 */
@Factory
class InMemoryCoreFactory {

    static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    static final String ADMIN_TOKEN = "stats-test-admin-token";

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

    @Singleton
    ScriptedResults readResults(FindExperiments experiments) {
        return new ScriptedResults(experiments);
    }

    @Singleton
    AdminToken adminToken() {
        return AdminToken.of(ADMIN_TOKEN);
    }
}
