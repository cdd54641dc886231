package dev.abkit.http.admin;

import dev.abkit.core.auth.Permission;
import dev.abkit.http.auth.NeedsPermission;
import dev.abkit.core.event.MetricName;
import dev.abkit.core.port.in.ReadResults;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.http.json.Instants;
import dev.abkit.http.problem.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;

/**
 * {@code GET /api/v1/admin/experiments/{key}/results}: which option wins, for analysts (issue 14). The
 * query parameters are checked here, each naming itself in a 400; the figures are the core's. Reads the
 * database, so it runs on the blocking executor; the admin token is checked by
 * {@link dev.abkit.http.auth.AdminTokenFilter}.
 */
@Controller("/api/v1/admin/experiments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminResultsController {

    private final ReadResults readResults;

    public AdminResultsController(ReadResults readResults) {
        this.readResults = readResults;
    }

    @NeedsPermission(Permission.READ_STATISTICS)
    @Get(uri = "/{key}/results", produces = MediaType.APPLICATION_JSON)
    @SuppressWarnings("java:S107") // one argument per query parameter of the documented call
    public ResultsJson results(@PathVariable String key, @QueryValue @Nullable String metric,
                               @QueryValue @Nullable String from, @QueryValue @Nullable String to,
                               @QueryValue @Nullable String control, @QueryValue @Nullable String exposed) {
        ResultsQuery query = new ResultsQuery(AdminExperimentsController.existingKey(key), metric(metric),
                Optional.ofNullable(Instants.parse("from", from)), Optional.ofNullable(Instants.parse("to", to)),
                exposed(exposed), Optional.ofNullable(control));
        return ResultsJson.from(query, readResults.results(query));
    }

    private static MetricName metric(String metric) {
        if (metric == null) {
            throw new InvalidInputException("metric", "is required: the name of the events to count, such as purchase");
        }
        try {
            return MetricName.of(metric);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("metric", e.getMessage());
        }
    }

    private static boolean exposed(String exposed) {
        if (exposed == null || exposed.equals("false")) {
            return false;
        }
        if (exposed.equals("true")) {
            return true;
        }
        throw new InvalidInputException("exposed", "must be true or false");
    }
}
