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
 * Micronaut Data reads of experiments for the admin API. Its SQL, generated or written here, stays
 * in the subset H2's PostgreSQL mode shares, so the compile-time POSTGRES dialect serves both.
 * Writes are in {@link JdbcExperiments}, and the running set in {@link ExperimentCatalog}: they
 * take the catalog lock and version with them.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface ExperimentRows extends GenericRepository<ExperimentRow, Long> {

    List<ExperimentRow> findAllOrderById();

    Optional<ExperimentRow> findByExperimentKey(String experimentKey);

    @Query("select experiment_key, option_value, weight from experiment_option"
            + " where experiment_key in (:experimentKeys) order by experiment_key, position")
    List<OptionRow> findOptions(Collection<String> experimentKeys);
}
