package dev.abkit.http.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidEventException;
import dev.abkit.core.error.InvalidOverrideException;
import dev.abkit.core.error.InvalidResultsQueryException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.error.UnknownDeviceException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.error.UnknownOverrideException;
import dev.abkit.core.error.UnknownTokenException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where errors become RFC 9457 problems: which status each domain exception means,
 * what the client reads, and which headers go with it. Never a stack trace, never an exception's
 * internals for server-side failures.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_JSON_PROBLEM_TYPE;

    /** Seconds a client should wait before retrying when the database is unreachable. */
    public static final int RETRY_AFTER_SECONDS = 5;

    static final String INVALID_INPUT = "urn:abkit:problem:invalid-input";
    static final String MALFORMED_BODY = "urn:abkit:problem:malformed-body";
    static final String UNKNOWN_EXPERIMENT = "urn:abkit:problem:unknown-experiment";
    static final String UNKNOWN_DEVICE = "urn:abkit:problem:unknown-device";
    static final String UNKNOWN_OVERRIDE = "urn:abkit:problem:unknown-override";
    static final String DUPLICATE_EXPERIMENT = "urn:abkit:problem:duplicate-experiment";
    static final String ILLEGAL_TRANSITION = "urn:abkit:problem:illegal-transition";
    static final String STORAGE_UNAVAILABLE = "urn:abkit:problem:storage-unavailable";
    static final String UNAUTHORIZED = "urn:abkit:problem:unauthorized";
    static final String FORBIDDEN = "urn:abkit:problem:forbidden";
    static final String UNKNOWN_TOKEN = "urn:abkit:problem:unknown-token";
    static final String GENERIC = "about:blank";

    private static final Pattern PROPERTY_SEGMENT = Pattern.compile("\\[\"([^\"]*)\"]$");
    private static final Pattern INDEX_SEGMENT = Pattern.compile("\\[(\\d+)]$");
    private static final Pattern LINE_COLUMN = Pattern.compile("line: (\\d+), column: (\\d+)");

    /** How a body reader says that content follows the JSON value. */
    public static final String TRAILING_CONTENT = "the request body goes on after its JSON object";

    private Problems() {
    }

    /** The problem for an exception thrown while handling a request; {@code null} if it is a bug (answer 500). */
    public static MutableHttpResponse<Problem> forException(Throwable thrown) {
        Throwable error = unwrapped(thrown);
        if (error instanceof InvalidInputException invalid) {
            return invalidInput(invalid.field(), invalid.getMessage());
        }
        if (error instanceof MalformedBodyException malformed) {
            String field = malformed.field();
            return respond(HttpStatus.BAD_REQUEST, MALFORMED_BODY, "Malformed request body",
                    field == null ? malformed.getMessage() : field + ": " + malformed.getMessage(), field);
        }
        if (error instanceof InvalidScheduleException schedule) {
            return invalidInput(schedule.field(), schedule.getMessage());
        }
        if (error instanceof InvalidOverrideException override) {
            return invalidInput(override.field(), override.getMessage());
        }
        if (error instanceof InvalidEventException event) {
            return invalidInput(event.field(), withoutName(event.field(), event.getMessage()));
        }
        if (error instanceof InvalidResultsQueryException query) {
            return invalidInput(query.parameter(), withoutName(query.parameter(), query.getMessage()));
        }
        if (error instanceof BodyTooLargeException tooLarge) {
            return respond(HttpStatus.REQUEST_ENTITY_TOO_LARGE, GENERIC, HttpStatus.REQUEST_ENTITY_TOO_LARGE.getReason(),
                    tooLarge.getMessage(), null);
        }
        if (error instanceof UnknownOverrideException || (error instanceof NotFoundException notFound && notFound.isOverride())) {
            return respond(HttpStatus.NOT_FOUND, UNKNOWN_OVERRIDE, "Unknown override", error.getMessage(), null);
        }
        if (error instanceof IllegalTransitionException refused) {
            return HttpResponse.<Problem>status(HttpStatus.CONFLICT)
                    .body(new Problem(ILLEGAL_TRANSITION, "Not allowed in the experiment's status",
                            HttpStatus.CONFLICT.getCode(), refused.getMessage(), null, refused.currentStatus().name()))
                    .contentType(PROBLEM_JSON);
        }
        if (error instanceof UnknownExperimentException unknown) {
            return respond(HttpStatus.NOT_FOUND, UNKNOWN_EXPERIMENT, "Unknown experiment", unknown.getMessage(), null);
        }
        if (error instanceof UnknownDeviceException || (error instanceof NotFoundException notFound && notFound.isDevice())) {
            return respond(HttpStatus.NOT_FOUND, UNKNOWN_DEVICE, "Unknown device", error.getMessage(), null);
        }
        if (error instanceof NotFoundException notFound) {
            return respond(HttpStatus.NOT_FOUND, UNKNOWN_EXPERIMENT, "Unknown experiment", notFound.getMessage(), null);
        }
        if (error instanceof UnknownTokenException unknownToken) {
            return respond(HttpStatus.NOT_FOUND, UNKNOWN_TOKEN, "Unknown token", unknownToken.getMessage(), null);
        }
        if (error instanceof PermissionDeniedException denied) {
            return forbidden(denied.getMessage());
        }
        if (error instanceof DuplicateExperimentException duplicate) {
            return respond(HttpStatus.CONFLICT, DUPLICATE_EXPERIMENT, "Duplicate experiment key", duplicate.getMessage(), "key");
        }
        if (error instanceof StorageUnavailableException unavailable) {
            // Its messages are written for the caller by the adapters; the cause stays in the log.
            return storageUnavailable(unavailable.getMessage());
        }
        if (error instanceof RejectedExecutionException) {
            // The threads that reach the database have a full queue: the request never started.
            return storageUnavailable("the server is too busy to reach the database (too many requests are"
                    + " waiting for a database thread); nothing was done, try again later");
        }
        if (error instanceof CodecException || error instanceof ConversionErrorException
                || error instanceof JsonSyntaxException) {
            return malformedBody(error);
        }
        // Not IllegalArgumentException: the adapters turn the core's rejections of input into
        // InvalidInputException where they convert it, so one thrown from anywhere else is a bug.
        return null;
    }

    private static MutableHttpResponse<Problem> storageUnavailable(String detail) {
        return respond(HttpStatus.SERVICE_UNAVAILABLE, STORAGE_UNAVAILABLE, "Storage unavailable", detail, null)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
    }

    private static Throwable unwrapped(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The core's ingest and results exceptions start their message with the name; the detail adds it once. */
    private static String withoutName(String name, String message) {
        String prefix = name + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    public static MutableHttpResponse<Problem> invalidInput(String field, String message) {
        return respond(HttpStatus.BAD_REQUEST, INVALID_INPUT, "Invalid request", field + ": " + message, field);
    }

    /** A request without the body its operation needs. */
    static MutableHttpResponse<Problem> missingBody() {
        return respond(HttpStatus.BAD_REQUEST, MALFORMED_BODY, "Malformed request body",
                "the request body is missing; send the JSON object this operation takes", null);
    }

    /** A body that is not JSON, or JSON of the wrong shape; names the property where the decoder tells it. */
    static MutableHttpResponse<Problem> malformedBody(Throwable error) {
        String duplicate = duplicateProperty(error);
        String field = duplicate != null ? duplicate : decodedField(error);
        String where = location(error);
        String detail;
        if (duplicate != null) {
            detail = field + ": appears more than once in its object" + where;
        } else if (field != null && messageContains(error, "Unknown property")) {
            detail = field + ": is not a property of this request (unknown properties are refused)" + where;
        } else if (field != null) {
            detail = field + ": has the wrong type" + where;
        } else if (messageContains(error, TRAILING_CONTENT)) {
            detail = "the request body goes on after its JSON object" + where;
        } else {
            detail = "the request body is not valid JSON of the expected shape" + where;
        }
        return respond(HttpStatus.BAD_REQUEST, MALFORMED_BODY, "Malformed request body", detail, field);
    }

    /**
     * The JSON path of the property the decoder failed on, such as {@code options[0].weight}, from the
     * outermost serde exception that knows it; {@code null} when the body is not JSON at all.
     */
    static String decodedField(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SerdeException serde) {
                String path = jsonPath(serde.getPathAsString());
                if (!path.isEmpty()) {
                    return path;
                }
            }
        }
        return null;
    }

    /**
     * The path of a property the JSON parser found twice in one object, such as {@code options[0].weight},
     * from where the parser stood when it refused it; {@code null} for every other error. The serde path
     * stops at the collection, so only the parser knows the index.
     */
    static String duplicateProperty(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException parsing && parsing.getOriginalMessage() != null
                    && parsing.getOriginalMessage().startsWith("Duplicate field")
                    && parsing.getProcessor() instanceof JsonParser parser) {
                return pointerPath(parser.getParsingContext().pathAsPointer().toString());
            }
        }
        return null;
    }

    /** The JSON pointer {@code /options/0/weight} becomes {@code options[0].weight}. */
    static String pointerPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.chars().allMatch(Character::isDigit)) {
                path.append('[').append(segment).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }

    private static boolean messageContains(Throwable error, String text) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** {@code Type["options"]->java.util.ArrayList[0]->Type["weight"]} becomes {@code options[0].weight}. */
    static String jsonPath(String serdePath) {
        StringBuilder path = new StringBuilder();
        if (serdePath == null) {
            return "";
        }
        for (String segment : serdePath.split("->")) {
            Matcher property = PROPERTY_SEGMENT.matcher(segment);
            Matcher index = INDEX_SEGMENT.matcher(segment);
            if (property.find()) {
                path.append(path.isEmpty() ? "" : ".").append(property.group(1));
            } else if (index.find()) {
                path.append('[').append(index.group(1)).append(']');
            }
        }
        return path.toString();
    }

    /** " at line 1, column 61" where the JSON parser says so, else "". */
    private static String location(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher matcher = t.getMessage() == null ? null : LINE_COLUMN.matcher(t.getMessage());
            if (matcher != null && matcher.find()) {
                return " (at line " + matcher.group(1) + ", column " + matcher.group(2) + ")";
            }
        }
        return "";
    }

    public static MutableHttpResponse<Problem> unauthorized(String challenge, String detail) {
        return respond(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized", detail, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }

    /** A role without the permission a path needs; the detail names the roles that may. */
    public static MutableHttpResponse<Problem> forbidden(String detail) {
        return respond(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", detail, null);
    }

    /** An unexpected failure: the client learns nothing about the server's internals. */
    public static MutableHttpResponse<Problem> internalError() {
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, GENERIC, "Internal Server Error",
                "the server failed to answer this request; the failure is logged", null);
    }

    /** A status decided by the framework (404, 405, 413, 415, ...), with its own message. */
    public static Problem forStatus(HttpStatus status, String detail) {
        return new Problem(GENERIC, status.getReason(), status.getCode(), detail, null);
    }

    private static MutableHttpResponse<Problem> respond(HttpStatus status, String type, String title, String detail,
                                                        String field) {
        return HttpResponse.<Problem>status(status)
                .body(new Problem(type, title, status.getCode(), detail, field))
                .contentType(PROBLEM_JSON);
    }
}
