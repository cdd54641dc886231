package dev.abkit.persistence;

import dev.abkit.core.export.Period;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.port.out.ExportRows.StoredAssignment;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An export on PostgreSQL leaves the planner free: the first version turned {@code enable_sort} off in the export's
 * transaction to get rows in index order, which made the join with {@code device} a nested loop of a million index
 * lookups, twice as slow as a hash join and a sort (docs/decisions/0018). What its transaction sets is read on its
 * own connection while its cursor is open, through a pool that remembers which connection it handed out last.
 */
class ExportPlannerTest {

    /** The planner's switches that the export's transaction changed from what the session starts with. */
    private static final String CHANGED_PLANNER_SWITCHES =
            "select name || ' = ' || setting from pg_settings where name like 'enable\\_%' and setting <> reset_val";

    private final List<String> changedSwitches = new ArrayList<>();
    private final List<String> statementTimeouts = new ArrayList<>();
    private Connection lastHandedOut;

    @Test
    void the_export_transaction_changes_its_limits_but_none_of_the_planners_switches() {
        try (TestStore store = TestStore.open(TestStore.Kind.POSTGRESQL, null);
             Instance instance = Instance.start(store.url(), store.user(), pool -> { }, this::remembering)) {
            EventStoreFixture devices = new EventStoreFixture(instance);
            List<String> tokens = List.of("first", "second", "third");
            tokens.forEach(devices::register);
            List<StoredAssignment> exported = new ArrayList<>();

            instance.storage().exportRows().assignments(Optional.empty(), Period.ALWAYS, row -> {
                if (exported.isEmpty()) {
                    readSettings(lastHandedOut);
                }
                exported.add(row);
            });

            assertThat(statementTimeouts).as("read in the export's own transaction").containsExactly("2min");
            assertThat(changedSwitches).as("planner switches the export set").isEmpty();
            assertThat(exported).extracting(StoredAssignment::device).map(DeviceToken::value)
                    .containsAll(tokens).hasSize((int) store.count("select count(*) from assignment"));
        }
    }

    private void readSettings(Connection exporting) {
        try (Statement statement = exporting.createStatement()) {
            try (ResultSet timeout = statement.executeQuery("select current_setting('statement_timeout')")) {
                timeout.next();
                statementTimeouts.add(timeout.getString(1));
            }
            try (ResultSet changed = statement.executeQuery(CHANGED_PLANNER_SWITCHES)) {
                while (changed.next()) {
                    changedSwitches.add(changed.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the export's settings", e);
        }
    }

    /** The pool, remembering the connection it handed out last: the export's, while the export runs. */
    private DataSource remembering(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, arguments) -> {
                    try {
                        Object result = method.invoke(pool, arguments);
                        if (result instanceof Connection connection) {
                            lastHandedOut = connection;
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
