package dev.abkit.server.metrics;

import dev.abkit.core.auth.AdminToken;
import dev.abkit.http.auth.AdminTokenFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * Guards {@code /metrics} as the admin API is guarded: {@code Authorization: Bearer <token>} or a 401
 * problem with a Bearer challenge. The meters name the experiments and tell the traffic, which is
 * no one else's business.
 */
@ServerFilter(patterns = MetricsTokenFilter.METRICS, patternStyle = FilterPatternStyle.REGEX)
final class MetricsTokenFilter {

    /** A regular expression, as the admin API's filter: compiled once, not tokenised per request. */
    static final String METRICS = "^" + MetricsController.PATH + "(?:/.*)?$";

    private final AdminToken token;

    MetricsTokenFilter(AdminToken token) {
        this.token = token;
    }

    /** @return {@code null} to let an authenticated scrape through, else the 401 problem */
    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        return AdminTokenFilter.bearerChecked(token, request);
    }
}
