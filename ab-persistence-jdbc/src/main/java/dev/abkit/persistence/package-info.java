/**
 * Storage adapter: the storage ports of ab-core on PostgreSQL, or on an embedded H2 file in
 * PostgreSQL mode, through Micronaut Data JDBC; the schema and the shipped experiments (R5) come
 * from the Flyway migrations in {@code db/migration}.
 *
 * <h2>Beans for the composition root</h2>
 * Three {@code @Singleton} beans, one per core port:
 * <ul>
 *   <li>{@link dev.abkit.persistence.JdbcExperiments} implements {@code Experiments};</li>
 *   <li>{@link dev.abkit.persistence.JdbcDevices} implements {@code Devices} (atomic registration,
 *       slots from one sequence per experiment);</li>
 *   <li>{@link dev.abkit.persistence.JdbcEnrollmentCounts} implements {@code EnrollmentCounts}
 *       (striped counters).</li>
 * </ul>
 * {@code AbKit.builder().experiments(experiments).devices(devices).enrollmentCounts(counts).build()}.
 * Do not add the shipped experiments yourself: the migration has created them.
 *
 * <h2>Configuration they need</h2>
 * The datasource {@code default} ({@code datasources.default.url}, {@code username},
 * {@code password}, Hikari settings such as {@code maximum-pool-size}) and
 * {@code flyway.datasources.default.enabled: true}, which migrates it when the datasource starts,
 * before any of these beans can use it. The URL alone chooses the database:
 * {@code jdbc:postgresql://...} or
 * {@code jdbc:h2:file:./data/abkit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}
 * (H2 needs those three settings: PostgreSQL syntax, and the lower-case names that the
 * repository's quoted SQL uses).
 *
 * <h2>One SQL for both databases</h2>
 * Every statement is in the subset PostgreSQL and H2's PostgreSQL mode share (no
 * {@code ON CONFLICT (column)}, no {@code UPDATE ... RETURNING}, no {@code timestamptz}). The
 * differences that remain, and where each is handled:
 * <ul>
 *   <li>H2 commits the open transaction on DDL: {@code JdbcExperiments.add} creates the slot
 *       sequence before, and outside, the transaction that inserts the experiment;</li>
 *   <li>both keep microseconds, not nanoseconds: {@code JdbcDevices.registerOnce} truncates the
 *       first-seen instant so that its answer equals what is stored;</li>
 *   <li>both run a prepared statement of several statements (the registration's assignments and
 *       counters, one round trip on PostgreSQL), but H2 reports only the first statement's update
 *       count, so {@code JdbcDevices} checks the others' counts only where the driver reports them.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * A database that cannot be reached (refused connection, pool timeout, server shutting down)
 * surfaces as the core's {@code StorageUnavailableException}; any other SQL failure as Micronaut
 * Data's {@code DataAccessException}; an exception thrown by the core's {@code Enrollment} as it
 * is, after the registration rolled back.
 */
package dev.abkit.persistence;
