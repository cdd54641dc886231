package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server the tests use: localhost:5432 as user postgres, or the one that
 * {@code AB_TEST_DB_URL} names. Each test gets a database of its own, created here with a random
 * name and dropped at the end. A server that cannot be reached fails the test, never skips it.
 * ab-server's system tests use it too, through this module's test jar (which holds only this class).
 */
public final class PostgresServer {

    public static final String URL_VARIABLE = "AB_TEST_DB_URL";
    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres";
    private static final String DEFAULT_USER = "postgres";

    private final String adminUrl;

    private PostgresServer(String adminUrl) {
        this.adminUrl = adminUrl;
    }

    public static PostgresServer fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        return new PostgresServer(url == null || url.isBlank() ? DEFAULT_ADMIN_URL : url);
    }

    /** A new empty database; the caller drops it. */
    public String createDatabase() {
        String name = "abkit_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("create database " + name);
        return name;
    }

    public void dropDatabase(String name) {
        execute("drop database if exists " + name + " with (force)");
    }

    /** Cuts a database off, as in an outage: its open sessions are ended and new ones refused. */
    public void cutOff(String name) {
        execute("alter database " + name + " with allow_connections false");
        execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
    }

    /** Lets connections to a database that was {@link #cutOff cut off} in again. */
    public void reconnect(String name) {
        execute("alter database " + name + " with allow_connections true");
    }

    /** The JDBC URL of {@code database} on this server, with the admin URL's host, port and parameters. */
    public String urlOf(String database) {
        int path = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?');
        String parameters = query < 0 ? "" : adminUrl.substring(query);
        return adminUrl.substring(0, path + 1) + database + parameters;
    }

    /** The user for the micronaut datasource, unless the URL carries one. */
    public String user() {
        return adminUrl.contains("user=") ? "" : DEFAULT_USER;
    }

    /** A connection of its own to {@code database}, past anything the code under test configures. */
    public Connection connectTo(String database) throws SQLException {
        return DriverManager.getConnection(urlOf(database), credentials());
    }

    private Properties credentials() {
        Properties credentials = new Properties();
        if (!user().isEmpty()) {
            credentials.setProperty("user", user());
        }
        return credentials;
    }

    private void execute(String sql) {
        try (Connection admin = DriverManager.getConnection(adminUrl, credentials());
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL tests need a PostgreSQL server where they may create"
                    + " and drop databases, and could not use " + adminUrl + " (" + e.getMessage() + ")."
                    + " Start the local one (pg_ctlcluster --skip-systemctl-redirect 15 main start) or point the tests at another with "
                    + URL_VARIABLE + "=jdbc:postgresql://HOST:PORT/postgres?user=USER&password=PASSWORD", e);
        }
    }
}
