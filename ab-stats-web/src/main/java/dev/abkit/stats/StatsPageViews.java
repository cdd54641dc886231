package dev.abkit.stats;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;

/**
 * Micronaut Views' filter, which renders the pages' templates, on the pages' paths only: {@code /stats} and the
 * results views below it. Views declares it for every path: every response, the mobile answer's too, then
 * passed through its reactive step, which cost the returning-device answer a measurable share of its CPU
 * (docs/performance.md). These pages are the only views this server renders.
 */
@Replaces(ViewsFilter.class)
@Filter(patterns = StatsPageViews.PAGES, patternStyle = FilterPatternStyle.REGEX)
public class StatsPageViews extends ViewsFilter {

    /** A regular expression, compiled once, for the reason {@link StatsTokenFilter#STATISTICS} gives. */
    static final String PAGES = "^/stats(?:/.*)?$";

    public StatsPageViews(ViewsResolver viewsResolver, ViewsRendererLocator viewsRendererLocator,
                          ViewsModelDecorator viewsModelDecorator, TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
    }
}
