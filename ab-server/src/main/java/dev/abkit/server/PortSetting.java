package dev.abkit.server;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

/**
 * Checks {@code AB_PORT} before the HTTP server reads it: Micronaut's own refusal of a port that is no
 * number, or out of range, comes as a stack trace from deep inside the server. Created at start-up
 * ({@code @Context}), before the server starts.
 */
@Context
final class PortSetting {

    private static final int LAST_PORT = 65535;

    PortSetting(@Value("${micronaut.server.port:8080}") String port) {
        if (!isPort(port.strip())) {
            throw new ConfigurationMistake("AB_PORT is " + port + ", not a port; set AB_PORT to a free port from 1 to "
                    + LAST_PORT, null);
        }
    }

    // -1 is Micronaut's "any free port", which the tests use.
    private static boolean isPort(String port) {
        if (!port.matches("-?[0-9]{1,5}")) {
            return false;
        }
        int number = Integer.parseInt(port);
        return number == -1 || number >= 1 && number <= LAST_PORT;
    }
}
