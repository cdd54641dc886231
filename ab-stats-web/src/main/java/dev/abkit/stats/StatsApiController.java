package dev.abkit.stats;

import dev.abkit.core.port.in.ExperimentStatistics;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /api/v1/stats}: the statistics report as JSON, the twin of the page. */
@Controller("/api/v1/stats")
public class StatsApiController {

    private final ExperimentStatistics statistics;

    public StatsApiController(ExperimentStatistics statistics) {
        this.statistics = statistics;
    }

    /** Reads the counts from storage, hence off the event loop. */
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<StatsResponse> stats() {
        return HttpResponse.ok(StatsResponse.from(statistics.report()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
