package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several statements that run in order on one connection, sent together where the database takes
 * them in one round trip (PostgreSQL), one by one where it does not report each one's outcome
 * otherwise (H2). Each statement's outcome is read back: the rows it wrote, or the first row it
 * selected.
 */
final class Script {

    private enum Outcome { ROWS_WRITTEN, FIRST_ROW, ALL_ROWS, NONE }

    private record Statement(String sql, Object[] parameters, Outcome outcome, RowReader<?> reader) {
    }

    /** Reads one row of a {@link #query}'s result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final List<Statement> statements = new ArrayList<>();

    /** @return the statement's index, to read its row count from the {@link Results} */
    int write(String sql, Object... parameters) {
        return add(sql, parameters, Outcome.ROWS_WRITTEN);
    }

    /** @return the statement's index, to read its first row from the {@link Results} */
    int select(String sql, Object... parameters) {
        return add(sql, parameters, Outcome.FIRST_ROW);
    }

    /** A statement whose outcome nobody reads, such as taking a lock. */
    void run(String sql, Object... parameters) {
        add(sql, parameters, Outcome.NONE);
    }

    /** @return the statement's index, to read every row it selected, each by {@code reader}, from the {@link Results} */
    int query(String sql, RowReader<?> reader, Object... parameters) {
        statements.add(new Statement(sql, parameters, Outcome.ALL_ROWS, reader));
        return statements.size() - 1;
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    private int add(String sql, Object[] parameters, Outcome outcome) {
        statements.add(new Statement(sql, parameters, outcome, null));
        return statements.size() - 1;
    }

    Results runOn(Connection connection, DatabaseKind kind) throws SQLException {
        Object[] outcomes = new Object[statements.size()];
        if (kind.sendsScriptsTogether() && statements.size() > 1) {
            runTogether(connection, outcomes);
        } else {
            for (int i = 0; i < statements.size(); i++) {
                Statement statement = statements.get(i);
                try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                    bind(prepared, 1, statement);
                    outcomes[i] = outcomeOf(prepared, prepared.execute(), statement);
                }
            }
        }
        return new Results(outcomes);
    }

    private void runTogether(Connection connection, Object[] outcomes) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Statement statement : statements) {
            sql.append(statement.sql()).append(";\n");
        }
        try (PreparedStatement prepared = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            for (Statement statement : statements) {
                parameter = bind(prepared, parameter, statement);
            }
            boolean isResultSet = prepared.execute();
            for (int i = 0; i < statements.size(); i++) {
                if (i > 0) {
                    isResultSet = prepared.getMoreResults();
                }
                outcomes[i] = outcomeOf(prepared, isResultSet, statements.get(i));
            }
        }
    }

    private static int bind(PreparedStatement prepared, int first, Statement statement) throws SQLException {
        int parameter = first;
        for (Object value : statement.parameters()) {
            prepared.setObject(parameter++, value);
        }
        return parameter;
    }

    private static Object outcomeOf(PreparedStatement prepared, boolean isResultSet, Statement statement)
            throws SQLException {
        if (!isResultSet) {
            return prepared.getUpdateCount();
        }
        try (ResultSet rows = prepared.getResultSet()) {
            if (statement.outcome() == Outcome.ALL_ROWS) {
                List<Object> read = new ArrayList<>();
                while (rows.next()) {
                    read.add(statement.reader().read(rows));
                }
                return read;
            }
            if (statement.outcome() != Outcome.FIRST_ROW || !rows.next()) {
                return null;
            }
            long[] row = new long[rows.getMetaData().getColumnCount()];
            for (int column = 0; column < row.length; column++) {
                row[column] = rows.getLong(column + 1);
            }
            return row;
        }
    }

    /** What each statement of a script did, by the index its adder returned. */
    static final class Results {

        private final Object[] outcomes;

        private Results(Object[] outcomes) {
            this.outcomes = outcomes;
        }

        int rowsWritten(int statement) {
            return (Integer) outcomes[statement];
        }

        /** The first row selected, as numbers; {@code null} if the statement selected nothing. */
        long[] firstRow(int statement) {
            return (long[]) outcomes[statement];
        }

        /** Every row a {@link #query} selected, as its reader read them. */
        @SuppressWarnings("unchecked")
        <T> List<T> rows(int statement) {
            return (List<T>) outcomes[statement];
        }
    }
}
