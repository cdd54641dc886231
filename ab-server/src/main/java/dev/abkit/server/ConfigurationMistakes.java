package dev.abkit.server;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Recognises, in what stopped a start, a setting of SPEC section 4 the operator has to change, and
 * says in one line which one. The database is connected to and migrated while the beans are created,
 * so its refusals arrive here wrapped in Micronaut's and Hikari's exceptions: the cause chain is searched.
 */
final class ConfigurationMistakes {

    private static final String CHECK_ALL = "check AB_DB_URL, AB_DB_USER and AB_DB_PASSWORD";

    private ConfigurationMistakes() {
    }

    /** The line that tells what to set, or empty when {@code failure} is no configuration mistake. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Optional<String> line = explainOne(cause);
            if (line.isPresent()) {
                return line;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> explainOne(Throwable cause) {
        if (cause instanceof ConfigurationMistake mistake) {
            return Optional.of(mistake.getMessage());
        }
        if (cause instanceof SQLException refused) {
            return Optional.of(database(refused));
        }
        String message = firstLine(cause);
        if (message.contains("claims to not accept jdbcUrl") || message.startsWith("Invalid JDBC URL")) {
            return Optional.of("AB_DB_URL is not a database this server has a driver for; set AB_DB_URL to"
                    + " jdbc:postgresql://host:5432/database, or unset it for the embedded database");
        }
        if (cause instanceof java.net.BindException) {
            return Optional.of("the HTTP port is not free (" + message + "); set AB_PORT to a free port");
        }
        return Optional.empty();
    }

    /** By SQLSTATE, which PostgreSQL and H2 both set; the driver's own words say what exactly failed. */
    private static String database(SQLException refused) {
        String state = refused.getSQLState() == null ? "" : refused.getSQLState();
        String what = firstLine(refused);
        if (state.startsWith("08")) {
            return "the database of AB_DB_URL cannot be reached (" + what + "); start it, or set AB_DB_URL to one that runs";
        }
        if (state.equals("28000")) {
            return "the database refused the user (" + what + "); set AB_DB_USER to a user it accepts";
        }
        if (state.equals("28P01")) {
            return "the database refused the password (" + what + "); set AB_DB_PASSWORD (and AB_DB_USER)";
        }
        if (state.equals("3D000")) {
            return "the database of AB_DB_URL does not exist (" + what + "); create it, or set AB_DB_URL to one that exists";
        }
        return "the database refused to start (" + what + "); " + CHECK_ALL;
    }

    private static String firstLine(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
