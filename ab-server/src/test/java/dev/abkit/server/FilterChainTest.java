package dev.abkit.server;

import dev.abkit.http.log.RequestLogFilter;
import dev.abkit.stats.StatsPageViews;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.filter.GenericHttpFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ViewsFilter;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filters a request passes through are part of the mobile endpoint's cost (docs/performance.md):
 * the mobile answer goes through one abkit filter (request id, access log, request timers) and no
 * view rendering; the statistics page through the views filter that renders it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterChainTest extends SystemTest {

    @Inject
    Router router;

    @Test
    void the_mobile_answer_passes_one_abkit_filter_and_no_view_rendering() {
        List<String> filters = namesOf(router.findFilters(HttpRequest.GET("/api/v1/experiments")));

        assertThat(filters).containsOnlyOnce(RequestLogFilter.class.getName())
                .noneMatch(name -> name.contains("ViewsFilter") || name.contains("StatsPageViews"))
                .noneMatch(name -> name.contains("RequestTimers"));
    }

    @Test
    void the_statistics_page_is_rendered_by_the_views_filter_of_its_own_path() {
        List<GenericHttpFilter> filters = router.findFilters(HttpRequest.GET("/stats"));

        assertThat(namesOf(filters)).contains(StatsPageViews.class.getName());
        assertThat(filters.stream().map(this::beanOf).filter(StatsPageViews.class::isInstance)).hasSize(1);
        assertThat(filters.stream().map(this::beanOf).filter(ViewsFilter.class::isInstance))
                .as("Micronaut's own, replaced: it would leave the page to be rendered after the status line").isEmpty();
        assertThat(api.get("/stats").statusCode()).as("still asks for the token").isEqualTo(401);
    }

    /** The classes of the beans behind the chain, each once (a bean with a request and a response method is two entries). */
    private List<String> namesOf(List<GenericHttpFilter> filters) {
        return filters.stream().map(this::beanOf).map(bean -> bean.getClass().getName()).distinct().toList();
    }

    /**
     * The bean behind an entry of the chain: Micronaut wraps each filter method, and each legacy filter,
     * in an internal record whose component {@code bean} is the filter.
     */
    private Object beanOf(GenericHttpFilter filter) {
        for (RecordComponent component : filter.getClass().getRecordComponents()) {
            if (component.getName().equals("bean")) {
                try {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    return accessor.invoke(filter);
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot read the bean of " + filter, e);
                }
            }
        }
        throw new AssertionError("no bean behind " + filter.getClass());
    }
}
