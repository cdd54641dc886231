package dev.abkit.persistence;

import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached from every other failure. Only these become
 * {@link dev.abkit.core.error.StorageUnavailableException}: trying again later may help with them,
 * while a failing statement (a bug, a violated constraint) stays what it is.
 */
final class ConnectionFailures {

    /** SQLSTATE classes: 08 connection exception, 57P operator intervention (server shutting down). */
    private static final String CONNECTION_EXCEPTION = "08";
    private static final String SERVER_SHUTTING_DOWN = "57P";

    private ConnectionFailures() {
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException // Hikari: no connection within its timeout
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException
                    || cause instanceof SocketException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION)
                    || sql.getSQLState().startsWith(SERVER_SHUTTING_DOWN))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
