package dev.abkit.http.admin;

import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.ReadAudit;
import dev.abkit.http.auth.AdminTokenFilter;
import dev.abkit.http.auth.NeedsPermission;
import dev.abkit.http.json.Instants;
import dev.abkit.http.problem.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/admin/audit}: the audit trail a page at a time (issue 15, decision 19), for the roles that
 * may read it; the core leaves the tokens' entries out for those who may not manage tokens. Each bad query
 * parameter is a 400 naming it; an experiment that does not exist is a 404, as on every experiment's path, so
 * that a typo in its key is not mistaken for a history without changes. Reads the database, so it runs on the
 * blocking executor.
 */
@Controller("/api/v1/admin/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminAuditController {

    /** A whole number as a query parameter writes it; 18 digits at most, so that it fits a long. */
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");

    private final ReadAudit readAudit;

    public AdminAuditController(ReadAudit readAudit) {
        this.readAudit = readAudit;
    }

    @NeedsPermission(Permission.READ_AUDIT)
    @Get(produces = MediaType.APPLICATION_JSON)
    @SuppressWarnings("java:S107") // one argument per query parameter of the documented call
    public AuditPageJson read(@RequestAttribute(AdminTokenFilter.PRINCIPAL) Principal actor,
                              @QueryValue @Nullable String experiment, @QueryValue @Nullable String from,
                              @QueryValue @Nullable String to, @QueryValue @Nullable String after,
                              @QueryValue @Nullable String limit) {
        Optional<ExperimentKey> key = Optional.ofNullable(experiment).map(AdminExperimentsController::existingKey);
        // The core refuses a window whose end is not after its start; the 400 names `to`, the end to move.
        AuditQuery window = checked("to", () -> new AuditQuery(key, Optional.ofNullable(Instants.parse("from", from)),
                Optional.ofNullable(Instants.parse("to", to)), 0, AuditQuery.DEFAULT_LIMIT, true));
        AuditQuery positioned = withWhole("after", after, window, window::after);
        AuditQuery query = withWhole("limit", limit, positioned, value -> positioned.limit(pageSize(value)));
        return AuditPageJson.from(readAudit.read(actor, query));
    }

    /**
     * {@code query} changed by the whole number in {@code text}, unchanged when the parameter is absent; the
     * core's refusal of the number (a negative position, a page too large) is a 400 naming {@code parameter}.
     */
    private static AuditQuery withWhole(String parameter, String text, AuditQuery query, LongFunction<AuditQuery> change) {
        if (text == null) {
            return query;
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new InvalidInputException(parameter, "must be a whole number (got \"" + text + "\")");
        }
        return checked(parameter, () -> change.apply(Long.parseLong(text)));
    }

    /** A size beyond an int is beyond every page the core allows, and it says so naming the number asked. */
    private static int pageSize(long asked) {
        if (asked != (int) asked) {
            throw new IllegalArgumentException("limit must be 1 to " + AuditQuery.MAX_LIMIT + " (got " + asked + ")");
        }
        return (int) asked;
    }

    private static AuditQuery checked(String parameter, Supplier<AuditQuery> query) {
        try {
            return query.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(parameter, e.getMessage());
        }
    }
}
