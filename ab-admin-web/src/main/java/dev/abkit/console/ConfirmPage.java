package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/**
 * The page between a lifecycle button and the change: what will happen to devices, and the form that does it.
 *
 * @param consequence what happens to devices, in a sentence
 * @param action      where the form posts
 * @param error       why the change was refused (an experiment changed meanwhile), or null
 */
@Introspected
public record ConfirmPage(Frame frame, String key, String call, String title, String consequence, String button,
                          String action, String back, String error) {
}
