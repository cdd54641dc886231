package dev.abkit.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server of the system tests: localhost:5432 as user postgres, or the one that
 * {@code AB_TEST_DB_URL} names (same contract as the storage adapter's tests). Databases are
 * created with random names and dropped when the test JVM ends. An unreachable server fails the
 * tests, never skips them.
 */
final class PostgresDatabases {

    static final String URL_VARIABLE = "AB_TEST_DB_URL";
    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres";
    private static final String DEFAULT_USER = "postgres";

    private static final String ADMIN_URL = adminUrl();

    private PostgresDatabases() {
    }

    /** A new empty database, dropped when the JVM exits. */
    static String create() {
        String name = "abkit_http_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return name;
    }

    static void drop(String name) {
        try {
            execute("drop database if exists " + name + " with (force)");
        } catch (IllegalStateException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /** Cuts the database off: open sessions are ended and new ones refused, as in an outage. */
    static void cut(String name) {
        execute("alter database " + name + " with allow_connections false");
        execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
    }

    static void restore(String name) {
        execute("alter database " + name + " with allow_connections true");
    }

    /** The JDBC URL of {@code database}, with the admin URL's host, port and parameters. */
    static String urlOf(String database) {
        int path = ADMIN_URL.indexOf('/', "jdbc:postgresql://".length());
        int query = ADMIN_URL.indexOf('?');
        String parameters = query < 0 ? "" : ADMIN_URL.substring(query);
        return ADMIN_URL.substring(0, path + 1) + database + parameters;
    }

    /** The user for the datasource, unless the URL carries one. */
    static String user() {
        return ADMIN_URL.contains("user=") ? "" : DEFAULT_USER;
    }

    private static String adminUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_ADMIN_URL : url;
    }

    private static void execute(String sql) {
        Properties credentials = new Properties();
        if (!user().isEmpty()) {
            credentials.setProperty("user", user());
        }
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, credentials);
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The system tests need a PostgreSQL server where they may create and drop"
                    + " databases, and could not use " + ADMIN_URL + " (" + e.getMessage() + "). Start the local one"
                    + " or set " + URL_VARIABLE + "=jdbc:postgresql://HOST:PORT/postgres?user=USER&password=PASSWORD", e);
        }
    }
}
