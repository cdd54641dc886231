package dev.abkit.core.error;

/**
 * A results query that cannot be answered as asked: a window whose {@code from} is not before its
 * {@code to}, a control that is not an option of the experiment, or a window reaching back before the
 * oldest events still kept. {@code parameter} names the query parameter to fix ({@code from},
 * {@code control}, ...), so the edge can answer a 400 problem naming it.
 */
public final class InvalidResultsQueryException extends RuntimeException {

    private final String parameter;

    public InvalidResultsQueryException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
