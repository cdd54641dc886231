package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** A select built of parts, each with its parameters in order, so that optional conditions keep their places. */
final class SqlQuery {

    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    SqlQuery(String sql, Object... parameters) {
        append(sql, parameters);
    }

    SqlQuery append(String part, Object... values) {
        sql.append(part);
        Collections.addAll(parameters, values);
        return this;
    }

    /** {@code " and COLUMN in (?, ...)"}: none of the rows for no values. */
    SqlQuery andIn(String column, Collection<?> values) {
        return values.isEmpty() ? append(" and 1 = 0") : append(" and " + column + " in (" + marks(values) + ")",
                values.toArray());
    }

    /** {@code " and COLUMN not in (?, ...)"}: all of the rows for no values. */
    SqlQuery andNotIn(String column, Collection<?> values) {
        return values.isEmpty() ? this : append(" and " + column + " not in (" + marks(values) + ")", values.toArray());
    }

    private static String marks(Collection<?> values) {
        return String.join(", ", Collections.nCopies(values.size(), "?"));
    }

    void forEachRow(Connection connection, RowReader reader) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }
}
