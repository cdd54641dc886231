package dev.abkit.console;

import io.micronaut.core.annotation.Introspected;

/** A page that says why a request was refused or found nothing (403, 404, ...), and nothing else. */
@Introspected
public record ProblemPage(Frame frame, String title, String message) {
}
