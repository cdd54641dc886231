package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

import java.util.List;

/**
 * An experiment's QA overrides, with a remove button each and the form that sets one: a section of the
 * experiment's page and of the overrides page alike.
 *
 * @param closed  why no override can be set (the experiment is stopped), or null: the form is then offered
 * @param options the experiment's options, one of which the form serves the device
 * @param back    the hidden field that brings the person back to the experiment's page, or null
 */
@Introspected
public record OverridesSection(String key, List<Row> overrides, String closed, List<Choice> options, Field device,
                               Field value, String setAction, String removeAction, String back) {

    /** Whether the form that sets an override is offered. */
    public boolean settable() {
        return closed == null;
    }

    /** @param since when the override got this value */
    @Introspected
    public record Row(String device, String value, String since) {
    }
}
