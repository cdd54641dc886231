package dev.abkit.console;

import dev.abkit.core.AbKit;
import dev.abkit.core.auth.AdminToken;
import dev.abkit.core.memory.InMemoryTokens;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.FindDevice;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.StopExperiment;
import dev.abkit.core.service.TokenService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Stands in for the composition root of ab-server: the whole core on its in-memory adapters, the use cases
 * the console needs from it, and personal tokens kept in memory beside a known bootstrap admin token.
 */
@Factory
class InMemoryConsoleFactory {

    /** With characters a cookie value may not hold, as an {@code AB_ADMIN_TOKEN} may: the cookie encodes them. */
    static final String ADMIN_TOKEN = "console-test;admin,token";

    @Singleton
    AbKit abkit() {
        return AbKit.inMemory();
    }

    @Singleton
    FindExperiments findExperiments(AbKit abkit) {
        return abkit.findExperiments();
    }

    @Singleton
    CreateExperiment createExperiment(AbKit abkit) {
        return abkit.createExperiment();
    }

    @Singleton
    StartExperiment startExperiment(AbKit abkit) {
        return abkit.startExperiment();
    }

    @Singleton
    CloseExperiment closeExperiment(AbKit abkit) {
        return abkit.closeExperiment();
    }

    @Singleton
    StopExperiment stopExperiment(AbKit abkit) {
        return abkit.stopExperiment();
    }

    @Singleton
    ScheduleExperiment scheduleExperiment(AbKit abkit) {
        return abkit.scheduleExperiment();
    }

    @Singleton
    EditExperiment editExperiment(AbKit abkit) {
        return abkit.editExperiment();
    }

    @Singleton
    ExperimentStatistics experimentStatistics(AbKit abkit) {
        return abkit.statistics();
    }

    @Singleton
    OverrideDevices overrideDevices(AbKit abkit) {
        return abkit.overrideDevices();
    }

    @Singleton
    FindDevice findDevice(AbKit abkit) {
        return abkit.findDevice();
    }

    @Singleton
    ReadAudit readAudit(AbKit abkit) {
        return abkit.readAudit();
    }

    /** Authenticates the console's cookies, and makes and revokes the tests' personal tokens. */
    @Singleton
    TokenService tokens() {
        return new TokenService(new InMemoryTokens(), AdminToken.of(ADMIN_TOKEN), Clock.systemUTC(), new SecureRandom());
    }
}
