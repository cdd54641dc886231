package dev.abkit.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Micronaut Data reads and status updates of experiments. Its SQL, generated or written here, stays
 * in the subset H2's PostgreSQL mode shares, so the compile-time POSTGRES dialect serves both.
 * Inserts are in {@link JdbcExperiments}: they need ON CONFLICT and the slot sequence's DDL.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ExperimentRows extends GenericRepository<ExperimentRow, Long> {

    List<ExperimentRow> findAllOrderById();

    List<ExperimentRow> findByStatusOrderById(String status);

    Optional<ExperimentRow> findByExperimentKey(String experimentKey);

    @Query("update experiment set status = :status where experiment_key = :experimentKey")
    long updateStatus(String experimentKey, String status);

    @Query("select experiment_key, option_value, weight from experiment_option"
            + " where experiment_key in (:experimentKeys) order by experiment_key, position")
    List<OptionRow> findOptions(Collection<String> experimentKeys);
}
