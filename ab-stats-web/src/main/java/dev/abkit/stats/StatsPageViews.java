package dev.abkit.stats;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.Filter;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;

/**
 * Micronaut Views' filter, which renders the page's template, on the page's path only. Views declares
 * it for every path: every response, the mobile answer's too, then passed through its reactive step,
 * which cost the returning-device answer a measurable share of its CPU (docs/performance.md). The page
 * is the only view this server renders.
 */
@Replaces(ViewsFilter.class)
@Filter(StatsPageController.PATH)
public class StatsPageViews extends ViewsFilter {

    public StatsPageViews(ViewsResolver viewsResolver, ViewsRendererLocator viewsRendererLocator,
                          ViewsModelDecorator viewsModelDecorator, TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboFrameRenderer);
    }
}
