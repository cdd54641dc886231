package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Several statements that run in order on one connection, sent together where the database takes
 * them in one round trip (PostgreSQL), one by one where it does not report each one's outcome
 * otherwise (H2). Each statement's outcome is read back: the rows it wrote, or the first row it
 * selected.
 */
final class Script {

    /**
     * The most parameters sent in one round trip. PostgreSQL's protocol counts a message's parameters in 16 bits (the
     * driver refuses more than 65,535 in one prepared statement, all of a script's statements together), and a
     * device with a long history changes many day-pair cells in one batch (decision 22).
     */
    static final int MAX_PARAMETERS = 30_000;

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

    /**
     * One statement {@code head} + the rows + {@code tail}, each row {@code row} (its placeholders) bound to one
     * array of {@code rows}; as several statements of the same form when the rows' parameters are more than
     * {@link #MAX_PARAMETERS}, so that any number of rows can be written.
     */
    void writeRows(String head, String row, String tail, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int perStatement = Math.max(1, MAX_PARAMETERS / Math.max(1, rows.get(0).length));
        for (int first = 0; first < rows.size(); first += perStatement) {
            List<Object[]> part = rows.subList(first, Math.min(rows.size(), first + perStatement));
            List<Object> parameters = new ArrayList<>();
            part.forEach(values -> Collections.addAll(parameters, values));
            write(head + String.join(", ", Collections.nCopies(part.size(), row)) + tail, parameters.toArray());
        }
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

    /** The statements in as few round trips as keep each under {@link #MAX_PARAMETERS}, in order. */
    private void runTogether(Connection connection, Object[] outcomes) throws SQLException {
        int first = 0;
        while (first < statements.size()) {
            int end = first + 1;
            int parameters = statements.get(first).parameters().length;
            while (end < statements.size() && parameters + statements.get(end).parameters().length <= MAX_PARAMETERS) {
                parameters += statements.get(end).parameters().length;
                end++;
            }
            runTogether(connection, first, end, outcomes);
            first = end;
        }
    }

    private void runTogether(Connection connection, int first, int end, Object[] outcomes) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (int i = first; i < end; i++) {
            sql.append(statements.get(i).sql()).append(";\n");
        }
        try (PreparedStatement prepared = connection.prepareStatement(sql.toString())) {
            int parameter = 1;
            for (int i = first; i < end; i++) {
                parameter = bind(prepared, parameter, statements.get(i));
            }
            boolean isResultSet = prepared.execute();
            for (int i = first; i < end; i++) {
                if (i > first) {
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
