package dev.abkit.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on a connection that {@link Database} provides and manages. */
@FunctionalInterface
interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
