package dev.abkit.stats;

import dev.abkit.core.port.in.ExperimentStatistics;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;

/** {@code GET /stats}: the page analysts open, rendered on the server from the statistics report. */
@Controller("/stats")
public class StatsPageController {

    static final String HTML_UTF8 = "text/html;charset=utf-8";

    private final ExperimentStatistics statistics;

    public StatsPageController(ExperimentStatistics statistics) {
        this.statistics = statistics;
    }

    /** Reads the counts from storage, hence off the event loop. */
    @Get(produces = HTML_UTF8)
    @View("stats")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<StatsPage> page() {
        return HttpResponse.ok(StatsPage.from(statistics.report()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
