package dev.abkit.persistence;

import dev.abkit.persistence.TestStore.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database itself refuses what would break the rules, whatever code writes to it. */
class SchemaConstraintsTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void the_schema_refuses_invalid_experiments_and_assignments(Kind kind) throws SQLException {
        try (TestStore store = TestStore.open(kind, directory); Instance ignored = store.start()) {
            assertRefused(store, "insert into experiment_option (experiment_key, position, option_value, weight)"
                    + " values ('price', 4, '99', 0)"); // weights are positive
            assertRefused(store, "insert into experiment_option (experiment_key, position, option_value, weight)"
                    + " values ('price', 4, '10', 5)"); // option values are distinct
            assertRefused(store, "insert into experiment (id, experiment_key, status, created_at, seed)"
                    + " values (99, 'price', 'RUNNING', current_timestamp, 1)"); // keys are never reused
            assertRefused(store, "insert into experiment (id, experiment_key, status, created_at, seed)"
                    + " values (99, 'paused', 'PAUSED', current_timestamp, 1)"); // RUNNING or STOPPED only

            store.execute("insert into device (token, first_seen) values ('a', current_timestamp)");
            store.execute("insert into device (token, first_seen) values ('b', current_timestamp)");
            assertThatCode(() -> store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('a', 'price', '10', 0)")).doesNotThrowAnyException();
            assertRefused(store, "insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('b', 'price', '10', 0)"); // a slot is given once
            assertRefused(store, "insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('a', 'price', '20', 1)"); // one value per device and experiment
            assertRefused(store, "insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('b', 'price', '99', 1)"); // only the experiment's options
            assertRefused(store, "insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('nobody', 'price', '10', 1)"); // only registered devices
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void a_device_row_holds_only_the_platforms_the_core_writes(Kind kind) throws SQLException {
        try (TestStore store = TestStore.open(kind, directory); Instance ignored = store.start()) {
            assertThatCode(() -> store.execute("insert into device (token, first_seen, platform, app_version, locale)"
                    + " values ('a', current_timestamp, 'ios', '2.3.0', 'ru-RU')")).doesNotThrowAnyException();
            assertRefused(store, "insert into device (token, first_seen, platform)"
                    + " values ('b', current_timestamp, 'IOS')"); // lower case, as Platform.text()
            assertRefused(store, "insert into device (token, first_seen, platform)"
                    + " values ('c', current_timestamp, 'ipados')");
        }
    }

    /**
     * The core allows 100 code points; H2 counts UTF-16 units, two for each of these characters, and
     * PostgreSQL counts characters. Every column that holds an option value must take the longest.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void every_option_value_column_holds_100_characters_beyond_the_basic_plane(Kind kind) throws SQLException {
        String value = "😀🚀𝄞𠀀".repeat(25);
        try (TestStore store = TestStore.open(kind, directory); Instance ignored = store.start()) {
            store.execute("insert into experiment_option (experiment_key, position, option_value, weight)"
                    + " values ('price', 4, '" + value + "', 1)");
            store.execute("insert into device (token, first_seen) values ('a', current_timestamp)");
            store.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " values ('a', 'price', '" + value + "', 0)");
            store.execute("insert into option_count (experiment_key, option_value, stripe, devices)"
                    + " values ('price', '" + value + "', 0, 1)");

            for (String table : List.of("experiment_option", "assignment", "option_count")) {
                assertThat(store.count("select count(*) from " + table + " where option_value = '" + value + "'"))
                        .as(table).isEqualTo(1);
            }
        }
    }

    private static void assertRefused(TestStore store, String sql) {
        assertThatThrownBy(() -> store.execute(sql)).as(sql).isInstanceOf(SQLException.class);
    }
}
