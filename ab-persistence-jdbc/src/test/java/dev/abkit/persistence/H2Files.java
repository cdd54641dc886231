package dev.abkit.persistence;

import java.nio.file.Path;

/** The embedded database as ab-server's application.yml configures it, in a folder of the test's. */
final class H2Files {

    private H2Files() {
    }

    static String urlOf(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("abkit").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}
