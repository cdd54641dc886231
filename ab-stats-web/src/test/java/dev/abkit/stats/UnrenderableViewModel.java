package dev.abkit.stats;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.views.DefaultViewsModelDecorator;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Gives the pages' templates a model whose values lack the methods the templates call ({@code takenAt.iso()},
 * {@code results.metric()}), so the expression fails while the page is being written, as a template that
 * calls a method its model does not have would. Only in the environment {@link #ENVIRONMENT}.
 */
@Singleton
@Replaces(DefaultViewsModelDecorator.class)
@Requires(env = UnrenderableViewModel.ENVIRONMENT)
class UnrenderableViewModel implements ViewsModelDecorator {

    static final String ENVIRONMENT = "unrenderable-view-model";

    @Override
    @SuppressWarnings("unchecked")
    public void decorate(HttpRequest<?> request, ModelAndView<?> modelAndView) {
        Object noMethods = new Object();
        ((ModelAndView<Object>) modelAndView).setModel(Map.of("takenAt", noMethods, "results", noMethods));
    }
}
