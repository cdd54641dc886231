package dev.abkit.server.metrics;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.port.in.AuthenticateToken;
import dev.abkit.http.auth.AdminTokenFilter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Guards {@code /metrics} as the admin API is guarded: {@code Authorization: Bearer <token>} of a role with
 * {@link Permission#READ_METRICS} (admin, analyst: a scraper needs no power to change anything), else a 401
 * or 403 problem. The meters name the experiments and tell the traffic, which is no one else's business.
 */
@ServerFilter(patterns = MetricsTokenFilter.METRICS, patternStyle = FilterPatternStyle.REGEX)
final class MetricsTokenFilter {

    /** A regular expression, as the admin API's filter: compiled once, not tokenised per request. */
    static final String METRICS = "^" + MetricsController.PATH + "(?:/.*)?$";

    private final AuthenticateToken authenticate;

    MetricsTokenFilter(AuthenticateToken authenticate) {
        this.authenticate = authenticate;
    }

    /** @return {@code null} to let an authenticated scrape through, else the 401 problem */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        return AdminTokenFilter.bearerChecked(authenticate, Permission.READ_METRICS, request);
    }
}
