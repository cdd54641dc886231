package dev.abkit.core.error;

/**
 * An ingest request with an invalid event or exposure: the whole request is refused and nothing of it
 * stored. {@code field} names the culprit as the client wrote it, such as {@code events[3].name} or
 * {@code at}, so the edge can answer a 400 problem the client can act on.
 */
public final class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
