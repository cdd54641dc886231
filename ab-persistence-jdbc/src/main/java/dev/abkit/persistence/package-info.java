/**
 * Storage adapter: the storage ports of ab-core on PostgreSQL, or on an embedded H2 file in
 * PostgreSQL mode, in plain JDBC over a {@link javax.sql.DataSource} the caller owns; the schema
 * and the shipped experiments (R5) come from the Flyway migrations in {@code db/migration}.
 * The one public entry is {@link dev.abkit.persistence.JdbcStorage}; nothing of a framework
 * appears in its API (decision 6).
 *
 * <h2>One SQL for both databases</h2>
 * Every statement is in the subset PostgreSQL and H2's PostgreSQL mode share (no
 * {@code ON CONFLICT (column)}, no {@code UPDATE ... RETURNING}, no {@code timestamptz}). The
 * differences that remain are in {@link dev.abkit.persistence.DatabaseKind}, and:
 * <ul>
 *   <li>H2 commits the open transaction on DDL: {@code JdbcExperiments.add} creates the slot
 *       sequence before, and outside, the transaction that inserts the experiment;</li>
 *   <li>both keep microseconds, not nanoseconds: {@code JdbcDevices.registerOnce} truncates the
 *       first-seen instant so that its answer equals what is stored;</li>
 *   <li>the raw events (V11) are partitioned by day on PostgreSQL and a plain table on H2, so that
 *       migration is in {@code db/vendor/postgresql} and {@code db/vendor/h2}, and their upkeep
 *       ({@code EventPartitions}) differs; {@code NewEventIds} uses PostgreSQL's {@code returning}.</li>
 * </ul>
 * H2 needs {@code MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH} in its URL.
 *
 * <h2>Failures</h2>
 * A database that cannot be reached (refused connection, pool timeout, server shutting down)
 * surfaces as the core's {@code StorageUnavailableException}; any other SQL failure as
 * {@code StorageFailureException}; an exception thrown by the core's {@code Enrollment} as it is,
 * after the registration rolled back.
 */
package dev.abkit.persistence;
