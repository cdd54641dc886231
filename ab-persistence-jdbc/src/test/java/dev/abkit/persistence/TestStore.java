package dev.abkit.persistence;

import dev.abkit.core.port.out.EventStore.MetricFigures;
import dev.abkit.core.port.out.EventStore.ResultsScope;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An empty database of either kind for one test, to start instances on and to inspect with plain
 * SQL behind the adapters' backs.
 */
record TestStore(String url, String user, Runnable drop) implements AutoCloseable {

    enum Kind { H2, POSTGRESQL }

    static TestStore open(Kind kind, Path directory) {
        if (kind == Kind.H2) {
            return new TestStore(H2Files.urlOf(directory), "", () -> { });
        }
        PostgresServer server = PostgresServer.fromEnvironment();
        String database = server.createDatabase();
        return new TestStore(server.urlOf(database), server.user(), () -> server.dropDatabase(database));
    }

    Instance start() {
        return Instance.start(url, user);
    }

    /** The number {@code sql} selects, read on a connection of its own. */
    long count(String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    /**
     * The exact scan of the raw events for {@code scope} ({@link ScannedFigures}), asked directly, whatever path the
     * store itself takes for that window (the counters, when both ends are midnights or open).
     */
    MetricFigures scanned(ResultsScope scope) {
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            return scanned(connection, scope);
        } catch (SQLException e) {
            throw new IllegalStateException("the scan of " + scope + " failed", e);
        }
    }

    /** {@link #scanned(ResultsScope)} on a connection the test holds, with the allocation read as the store reads it. */
    static MetricFigures scanned(Connection connection, ResultsScope scope) throws SQLException {
        return ScannedFigures.read(connection, scope, new HandedOutSlots(new SlotSequences())
                .read(connection, DatabaseKind.of(connection), scope.experiment(), scope.excluded()));
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        drop.run();
    }
}
