package dev.abkit.persistence;

import dev.abkit.core.export.Period;
import dev.abkit.core.model.ShippedExperiments;
import dev.abkit.core.port.out.ExportRows.StoredAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick start's H2 URL limits every statement to 2 s (QUERY_TIMEOUT, for the mobile path), which would end
 * any export longer than that. An export takes the export's own limit for its one statement and gives the
 * pooled connection its setting back. Here the connections' limit is 1 ms, so that only the export's own
 * limit lets the export of 10,000 rows finish.
 */
class H2ExportTimeoutTest {

    private static final int ROWS = 10_000;
    private static final String SHORT_LIMIT_MILLIS = "1";

    @TempDir
    Path directory;

    @Test
    void an_export_outlives_the_statement_limit_of_the_mobile_path_and_leaves_it_as_it_was() throws SQLException {
        String url = H2Files.urlOf(directory);
        try (Instance migrated = Instance.start(url, "")) {
            fill(migrated);
        }
        try (Instance limited = Instance.onMigrated(url, "", pool -> {
            pool.setMaximumPoolSize(1); // the export's connection is the one checked afterwards
            pool.setConnectionInitSql("set query_timeout " + SHORT_LIMIT_MILLIS);
        }, AnalystScanLimits.DEFAULT)) {
            List<StoredAssignment> rows = new ArrayList<>();
            limited.storage().exportRows().assignments(Optional.of(ShippedExperiments.BUTTON_COLOR.key()), Period.ALWAYS,
                    rows::add);

            assertThat(rows).hasSize(ROWS);
            try (Connection connection = limited.pool().getConnection()) {
                assertThat(queryTimeout(connection)).isEqualTo(SHORT_LIMIT_MILLIS);
            }
        }
    }

    private static void fill(Instance instance) throws SQLException {
        List<String> options = ShippedExperiments.BUTTON_COLOR.options().stream().map(option -> option.value()).toList();
        try (Connection connection = instance.pool().getConnection(); Statement insert = connection.createStatement()) {
            insert.execute("insert into device (token, first_seen) select 'd-' || x, timestamp with time zone"
                    + " '2026-06-01 00:00:00+00' + x * interval '1' second from system_range(1, " + ROWS + ") r(x)");
            insert.execute("insert into assignment (device_token, experiment_key, option_value, slot)"
                    + " select 'd-' || x, 'button_color', case mod(x, 3) when 0 then '" + options.get(0) + "' when 1 then '"
                    + options.get(1) + "' else '" + options.get(2) + "' end, x from system_range(1, " + ROWS + ") r(x)");
        }
    }

    private static String queryTimeout(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'QUERY_TIMEOUT'")) {
            row.next();
            return row.getString(1);
        }
    }
}
