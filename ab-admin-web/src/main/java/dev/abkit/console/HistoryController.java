package dev.abkit.console;

import dev.abkit.core.audit.AuditEntry;
import dev.abkit.core.audit.AuditPage;
import dev.abkit.core.audit.AuditQuery;
import dev.abkit.core.audit.ChangeSummary;
import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.ReadAudit;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Optional;

/**
 * An experiment's history: its entries in the audit trail, in the trail's order (oldest first, as the API and the
 * statistics' results view list them), {@link #PAGE} at a time, paged on with the trail's own cursor ({@code ?after=}
 * the last position of the page before, so that changes made meanwhile are neither repeated nor skipped). For a role
 * that may read the trail ({@code read_audit}: admin, analyst), checked here before the key is looked up and by
 * {@link ReadAudit} again. Reads storage, hence the blocking executor.
 */
@Controller(Paths.EXPERIMENTS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class HistoryController {

    /** Entries per page. */
    static final int PAGE = 50;

    private final ReadAudit audit;
    private final ConsolePages pages;

    public HistoryController(ReadAudit audit, ConsolePages pages) {
        this.audit = audit;
        this.pages = pages;
    }

    /** @param after the position the page starts after (the {@code next} of the page before); absent: the first */
    @Get(value = "/{key}/history", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> history(HttpRequest<?> request, @PathVariable String key, @Nullable @QueryValue String after) {
        SignedIn signedIn = SignedIn.of(request);
        // The role first: a role that may not read the trail learns nothing of which keys exist.
        if (!signedIn.principal().may(Permission.READ_AUDIT)) {
            return pages.refused(signedIn, Permission.READ_AUDIT, request);
        }
        Optional<ExperimentKey> experiment = ExperimentKeys.parsed(key);
        if (experiment.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        AuditQuery query;
        try {
            query = AuditQuery.of(experiment.get()).limit(PAGE).after(after == null ? 0 : Long.parseLong(after));
        } catch (IllegalArgumentException notAPosition) { // NumberFormatException too
            return pages.problem(HttpStatus.BAD_REQUEST, signedIn.frame(), "No such page of the history",
                    "after must be a position in the trail, 0 or more, as the \"Later changes\" link gives it.", request);
        }
        try {
            AuditPage page = audit.read(signedIn.principal(), query);
            List<HistoryPage.Change> changes = page.entries().stream().map(record -> change(record.entry())).toList();
            String later = page.next().isPresent() ? Paths.history(key) + "?after=" + page.next().getAsLong() : null;
            String first = query.after() > 0 ? Paths.history(key) : null;
            return pages.ok("history", new HistoryPage(signedIn.frame(), key, Paths.experiment(key), changes, later,
                    first), request);
        } catch (PermissionDeniedException denied) {
            return pages.refused(signedIn, denied, request);
        } catch (UnknownExperimentException unknown) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
    }

    private static HistoryPage.Change change(AuditEntry entry) {
        return new HistoryPage.Change(Shown.second(entry.at()), entry.actor().name(), entry.actor().role(),
                entry.action().wireName(), ChangeSummary.of(entry));
    }
}
