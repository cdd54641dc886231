package dev.abkit.persistence;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/**
 * Tells the failures after which trying again later may help from every other failure: a database
 * that cannot be reached, and one that did not answer in time (a statement or a lock wait cut short
 * by its timeout). Only these become {@link dev.abkit.core.error.StorageUnavailableException}; a
 * failing statement (a bug, a violated constraint) stays what it is.
 */
final class ConnectionFailures {

    /** SQLSTATE classes: 08 connection exception, 57P operator intervention (server shutting down). */
    private static final String CONNECTION_EXCEPTION = "08";
    private static final String SERVER_SHUTTING_DOWN = "57P";
    /** SQLSTATEs: statement_timeout (or a cancel) ended the statement; lock_timeout ended a lock wait. */
    private static final String QUERY_CANCELED = "57014";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLTransientConnectionException // Hikari: no connection within its timeout
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLRecoverableException
                || cause instanceof ConnectException
                || cause instanceof SocketException
                || hasState(cause, CONNECTION_EXCEPTION)
                || hasState(cause, SERVER_SHUTTING_DOWN));
    }

    static boolean isTimeout(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLTimeoutException // H2's lock and statement timeouts
                || hasState(cause, QUERY_CANCELED)
                || hasState(cause, LOCK_NOT_AVAILABLE));
    }

    private static boolean hasState(Throwable cause, String prefix) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(prefix);
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
        }
        return false;
    }
}
