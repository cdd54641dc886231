package dev.abkit.server;

import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Starts the abkit server: {@code java -jar ab-server/target/ab-server.jar}. A start that fails on a
 * configuration mistake ({@link ConfigurationMistakes}) logs one line naming the variable to set and
 * exits with status 1; its stack trace is logged at DEBUG only, since it tells an operator nothing more.
 */
public final class Application extends Micronaut {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    /** Exit status of a start that failed, as Micronaut's own. */
    static final int FAILED_START = 1;

    private Application() {
    }

    public static void main(String[] args) {
        new Application()
                .args(args)
                .mainClass(Application.class)
                .banner(false)
                .start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable failure) {
        Optional<String> mistake = ConfigurationMistakes.explain(failure);
        if (mistake.isEmpty()) {
            super.handleStartupException(environment, failure);
            return;
        }
        LOG.error("Cannot start: {}", mistake.get());
        LOG.debug("The start failed on", failure);
        System.exit(FAILED_START);
    }
}
