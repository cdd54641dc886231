package dev.abkit.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /metrics}: every meter in Prometheus text format, for a scraper that sends the admin token
 * ({@link MetricsTokenFilter}). Served on the event loop: a scrape reads counters and the pool's state,
 * never the database.
 */
@Controller(MetricsController.PATH)
final class MetricsController {

    static final String PATH = "/metrics";
    /** The Prometheus text exposition format, as Prometheus asks for it. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = PROMETHEUS_TEXT)
    HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape()).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
