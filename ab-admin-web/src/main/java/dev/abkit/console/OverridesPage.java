package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * The overrides of one experiment, chosen by its key: the way QA, which may override devices but not read
 * experiments, reaches them (decision 20).
 *
 * @param notice     what a form just did, or null
 * @param error      why a removal was refused, or null
 * @param experiment the key field, with what is wrong with the key entered
 * @param section    the experiment's overrides, or null before a key is chosen (or when it names none)
 * @param experimentPath the experiment's page, for a role that may read it; else null
 */
@Introspected
public record OverridesPage(Frame frame, String notice, String error, Field experiment, OverridesSection section,
                            String experimentPath) {
}
