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
@Controller(StatsPageController.PATH)
public class StatsPageController {

    static final String PATH = "/stats";

    static final String HTML_UTF8 = "text/html;charset=utf-8";

    /**
     * The page is one document with its CSS inline and no script: the browser is told to load and
     * run nothing else, so even a value that slipped past escaping could not execute.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff");
    }
}
