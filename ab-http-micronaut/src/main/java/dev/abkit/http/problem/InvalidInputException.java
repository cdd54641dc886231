package dev.abkit.http.problem;

/** A request value the client must fix; {@code field} names it as the client wrote it (JSON path or header). */
public final class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
