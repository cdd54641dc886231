package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.error.DuplicateExperimentException;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidScheduleException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.model.EditableField;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.ExperimentStatus;
import dev.abkit.core.model.Transition;
import dev.abkit.core.port.in.CloseExperiment;
import dev.abkit.core.port.in.CreateExperiment;
import dev.abkit.core.port.in.EditExperiment;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.core.port.in.ScheduleExperiment;
import dev.abkit.core.port.in.StartExperiment;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import dev.abkit.core.port.in.StopExperiment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The experiments in the console: the list with its status filter, the form that creates one, an experiment's
 * page (with its QA overrides for a role that may set them, whose forms {@link OverridesController} takes, and a
 * link to its results for a role that may read statistics), the form that schedules a draft or a scheduled one,
 * the edit form (of the fields its status lets change), and its lifecycle calls behind their confirmation pages.
 * Every change is the core's use case called with the signed-in principal, which checks the permission itself:
 * what a role may not do is not offered here, and refused by the core (a 403 page) if a form is forged. Every
 * form is checked for its {@link CsrfField} first. The use cases read storage, hence the blocking executor.
 */
@Controller(Paths.EXPERIMENTS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ExperimentsController {

    private final FindExperiments experiments;
    private final CreateExperiment create;
    private final StartExperiment start;
    private final CloseExperiment close;
    private final StopExperiment stop;
    private final ScheduleExperiment schedule;
    private final EditExperiment edit;
    private final ExperimentPages experimentPages;
    private final ConsolePages pages;

    public ExperimentsController(FindExperiments experiments, CreateExperiment create, StartExperiment start,
                                 CloseExperiment close, StopExperiment stop, ScheduleExperiment schedule,
                                 EditExperiment edit, ExperimentPages experimentPages, ConsolePages pages) {
        this.experiments = experiments;
        this.create = create;
        this.start = start;
        this.close = close;
        this.stop = stop;
        this.schedule = schedule;
        this.edit = edit;
        this.experimentPages = experimentPages;
        this.pages = pages;
    }

    /** @param status one status to show (DRAFT, ..., STOPPED); absent, empty or unknown: every status */
    @Get(produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable @QueryValue String status) {
        SignedIn signedIn = SignedIn.of(request);
        Principal principal = signedIn.principal();
        if (!principal.may(Permission.READ_EXPERIMENTS)) {
            return pages.refused(signedIn, Permission.READ_EXPERIMENTS, request);
        }
        Optional<ExperimentStatus> only = Arrays.stream(ExperimentStatus.values())
                .filter(value -> value.name().equals(status)).findFirst();
        Map<ExperimentKey, ExperimentFigures> figures = experimentPages.figures(principal);
        List<ListPage.Row> rows = experiments.all().stream()
                .filter(experiment -> only.map(wanted -> experiment.status() == wanted).orElse(true))
                .map(experiment -> new ListPage.Row(experiment.key().value(), Paths.experiment(experiment.key().value()),
                        experiment.status().name(), Shown.statusClass(experiment.status()),
                        Shown.schedule(experiment.lifecycle()), experiment.coverage().toString(),
                        devices(figures, experiment)))
                .toList();
        List<ListPage.StatusChoice> choices = Stream.concat(
                Stream.of(new ListPage.StatusChoice("", "every status", only.isEmpty())),
                Arrays.stream(ExperimentStatus.values()).map(value -> new ListPage.StatusChoice(value.name(),
                        value.name().toLowerCase(Locale.ROOT), only.map(value::equals).orElse(false)))).toList();
        return pages.ok("list", new ListPage(signedIn.frame(), rows, choices, only.isPresent(),
                principal.may(Permission.CHANGE_EXPERIMENTS), principal.may(Permission.READ_STATISTICS)), request);
    }

    private static String devices(Map<ExperimentKey, ExperimentFigures> figures, Experiment experiment) {
        ExperimentFigures found = figures.get(experiment.key());
        return found == null ? null : ExperimentPages.count(found.devices());
    }

    @Get(value = "/new", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> newExperiment(HttpRequest<?> request) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.principal().may(Permission.CHANGE_EXPERIMENTS)) {
            return pages.refused(signedIn, Permission.CHANGE_EXPERIMENTS, request);
        }
        return pages.ok("create", ExperimentForm.empty().page(signedIn.frame(), new FieldErrors()), request);
    }

    /** Creates the experiment, or shows the form again: with more option rows, or with what is wrong. */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        SignedIn signedIn = SignedIn.of(request);
        FormFields fields = FormFields.parse(body);
        if (!signedIn.sentThis(fields)) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        ExperimentForm form = ExperimentForm.of(fields);
        if (form.asksToChangeRows()) {
            return pages.ok("create", form.withRowsChanged().page(signedIn.frame(), new FieldErrors()), request);
        }
        FieldErrors errors = new FieldErrors();
        NewExperiment command = form.command(errors);
        if (command != null) {
            try {
                Experiment created = create.create(signedIn.principal(), command);
                return Paths.seeOther(Paths.experiment(created.key().value()) + "?" + Paths.DONE + "=created");
            } catch (PermissionDeniedException denied) {
                return pages.refused(signedIn, denied, request);
            } catch (DuplicateExperimentException duplicate) {
                errors.add("key", "an experiment with this key exists or existed: a key is never used twice");
            } catch (InvalidScheduleException schedule) {
                errors.add(schedule.field(), schedule.getMessage());
            }
        }
        return pages.page(HttpStatus.BAD_REQUEST, "create", form.page(signedIn.frame(), errors), request);
    }

    /** What the schedule form just did, said at the top of the experiment's page ({@code ?done=scheduled}). */
    static final String SCHEDULED = "scheduled";
    /** What the edit form just did ({@code ?done=edited}). */
    static final String EDITED = "edited";

    /** @param done what was just done to it (created, scheduled, start, close, stop), said at the page's top */
    @Get(value = "/{key}", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> experiment(HttpRequest<?> request, @PathVariable String key, @Nullable @QueryValue String done) {
        SignedIn signedIn = SignedIn.of(request);
        Principal principal = signedIn.principal();
        if (!principal.may(Permission.READ_EXPERIMENTS)) {
            return pages.refused(signedIn, Permission.READ_EXPERIMENTS, request);
        }
        Optional<Experiment> found = ExperimentKeys.find(experiments, key);
        if (found.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        String notice = done == null ? null : done.equals("created") ? "Created."
                : done.equals(SCHEDULED) ? "Scheduled: it starts by itself at its start time, and ends at its end if it has one."
                : done.equals(EDITED) ? "Changes saved."
                : LifecycleCall.of(done).map(LifecycleCall::done)
                .or(() -> OverrideForm.Done.of(done).map(OverrideForm.Done::notice)).orElse(null);
        return pages.ok("experiment", experimentPages.page(signedIn, found.get(), notice, OverrideForm.empty(),
                new FieldErrors(), null), request);
    }

    /** The confirmation page of a lifecycle call: what it will do to devices, and the form that does it. */
    @Get(value = "/{key}/{call}", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> confirm(HttpRequest<?> request, @PathVariable String key, @PathVariable String call) {
        SignedIn signedIn = SignedIn.of(request);
        // The role first: a role that may not change experiments learns nothing of which keys exist.
        if (!signedIn.principal().may(Permission.CHANGE_EXPERIMENTS)) {
            return pages.refused(signedIn, Permission.CHANGE_EXPERIMENTS, request);
        }
        Optional<LifecycleCall> lifecycleCall = LifecycleCall.of(call);
        Optional<Experiment> found = lifecycleCall.isEmpty() ? Optional.empty() : ExperimentKeys.find(experiments, key);
        if (found.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        return pages.ok("confirm", confirmPage(signedIn, found.get(), lifecycleCall.get()), request);
    }

    @Post(value = "/{key}/{call}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> change(HttpRequest<?> request, @PathVariable String key, @PathVariable String call,
                                  @Nullable @Body String body) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.sentThis(FormFields.parse(body))) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        Optional<LifecycleCall> lifecycleCall = LifecycleCall.of(call);
        Optional<ExperimentKey> experimentKey = lifecycleCall.isEmpty() ? Optional.empty() : ExperimentKeys.parsed(key);
        if (experimentKey.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        Principal principal = signedIn.principal();
        try {
            switch (lifecycleCall.get()) {
                case START -> start.start(principal, experimentKey.get());
                case CLOSE -> close.close(principal, experimentKey.get());
                case STOP -> stop.stop(principal, experimentKey.get());
            }
            return Paths.seeOther(Paths.experiment(key) + "?" + Paths.DONE + "=" + call);
        } catch (PermissionDeniedException denied) {
            return pages.refused(signedIn, denied, request);
        } catch (UnknownExperimentException unknown) {
            return pages.noSuchExperiment(signedIn, key, request);
        } catch (IllegalTransitionException | InvalidScheduleException refused) {
            // Changed since the page was opened (by another person, or by its schedule): the core says why.
            ConfirmPage page = confirmPage(signedIn, experiments.get(experimentKey.get()), lifecycleCall.get());
            return pages.page(HttpStatus.CONFLICT, "confirm", page.possible() ? page.withError(refused.getMessage()) : page,
                    request);
        }
    }

    /**
     * Schedules a draft, or moves a scheduled experiment's schedule; or shows its page again with what is wrong
     * next to the field (a start in the past: the core's reason, 409) or, when its status no longer allows it,
     * the core's reason at the top (409).
     */
    @Post(value = "/{key}/schedule", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> schedule(HttpRequest<?> request, @PathVariable String key, @Nullable @Body String body) {
        return changeExperiment(request, key, body, (signedIn, experiment, form) -> {
            FieldErrors errors = new FieldErrors();
            ExperimentForm.Schedule wanted = form.schedule(errors);
            if (wanted == null) {
                return pages.page(HttpStatus.BAD_REQUEST, "experiment",
                        experimentPages.withSchedule(signedIn, experiment, form, errors, null), request);
            }
            try {
                // Asked first, as every lifecycle call is, once the core finds nothing to refuse: a start in the past
                // is said next to its field before the question; a status it refuses goes straight to its refusal.
                if (!form.confirmed() && Transition.SCHEDULE.movesFrom(experiment.status())) {
                    schedule.check(signedIn.principal(), experiment.key(), wanted.startAt(), wanted.endAt());
                    return pages.ok("confirm", scheduleConfirmation(signedIn, experiment, wanted, form), request);
                }
                schedule.schedule(signedIn.principal(), experiment.key(), wanted.startAt(), wanted.endAt());
                return Paths.seeOther(Paths.experiment(key) + "?" + Paths.DONE + "=" + SCHEDULED);
            } catch (InvalidScheduleException invalid) {
                errors.add(invalid.field(), invalid.getMessage());
                return pages.page(HttpStatus.CONFLICT, "experiment",
                        experimentPages.withSchedule(signedIn, experiment, form, errors, null), request);
            } catch (IllegalTransitionException refused) {
                // Started or stopped since the page was opened: the form is no longer offered, and the core says why.
                return pages.page(HttpStatus.CONFLICT, "experiment", experimentPages.withSchedule(signedIn,
                        experiments.get(experiment.key()), form, errors, refused.getMessage()), request);
            }
        });
    }

    /**
     * What scheduling will do to devices, said before it is done, as for every lifecycle call: the form of this page
     * sends the times on, confirmed.
     */
    private static ConfirmPage scheduleConfirmation(SignedIn signedIn, Experiment experiment,
                                                    ExperimentForm.Schedule wanted, ExperimentForm form) {
        String key = experiment.key().value();
        Instant end = wanted.endAt() != null ? wanted.endAt() : experiment.lifecycle().endAt();
        String ending = end == null ? " It has no end: it runs until someone closes or stops it."
                : " At " + Shown.time(end) + (experiment.lifecycle().endAction() == EndAction.STOP
                ? " it stops: no device is served it any more." : " it closes: no new device joins it; enrolled devices"
                + " keep their option.");
        return new ConfirmPage(signedIn.frame(), key, "schedule", "Schedule " + key + "?",
                "It starts by itself at " + Shown.time(wanted.startAt()) + ": devices that reach abkit for the first time"
                        + " from then on join it and keep the option they are given; devices seen before never join it."
                        + ending, "Schedule it", Paths.schedule(key), Paths.experiment(key), null,
                form.scheduleConfirmed());
    }

    /**
     * The edit form, prefilled with what the experiment has, with the inputs of the fields its status lets change
     * (the core's {@link EditableField#in}: a draft everything, a started one its end and coverage, a closed one its
     * end); for a stopped one, a page that says there is nothing to change.
     */
    @Get(value = "/{key}/edit", produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> editForm(HttpRequest<?> request, @PathVariable String key) {
        SignedIn signedIn = SignedIn.of(request);
        // The role first: a role that may not change experiments learns nothing of which keys exist.
        if (!signedIn.principal().may(Permission.CHANGE_EXPERIMENTS)) {
            return pages.refused(signedIn, Permission.CHANGE_EXPERIMENTS, request);
        }
        Optional<Experiment> found = ExperimentKeys.find(experiments, key);
        if (found.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        Set<EditableField> editable = EditableField.in(found.get().status());
        if (editable.isEmpty()) {
            return pages.problem(HttpStatus.CONFLICT, signedIn.frame(), "Nothing to change", key + " is "
                    + found.get().status() + ": it is final, and nothing about it changes any more.", request);
        }
        return pages.ok("edit", ExperimentForm.of(found.get()).editPage(signedIn.frame(), new FieldErrors(), key, editable),
                request);
    }

    /**
     * Saves the changes of the fields the form sent, or shows the form again: with more option rows, or with what is
     * wrong. A field the experiment's status does not let change (a forged form, or one opened before it was
     * started) is refused by the core, and nothing is changed.
     */
    @Post(value = "/{key}/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> edit(HttpRequest<?> request, @PathVariable String key, @Nullable @Body String body) {
        return changeExperiment(request, key, body, (signedIn, experiment, form) -> {
            Set<EditableField> editable = EditableField.in(experiment.status());
            if (form.asksToChangeRows()) {
                return pages.ok("edit", form.withRowsChanged().editPage(signedIn.frame(), new FieldErrors(), key, editable),
                        request);
            }
            FieldErrors errors = new FieldErrors();
            ExperimentChanges changes = form.changes(errors, form.sent());
            if (changes == null) {
                return pages.page(HttpStatus.BAD_REQUEST, "edit", form.editPage(signedIn.frame(), errors, key, editable),
                        request);
            }
            try {
                edit.edit(signedIn.principal(), experiment.key(), changes);
                return Paths.seeOther(Paths.experiment(key) + "?" + Paths.DONE + "=" + EDITED);
            } catch (InvalidScheduleException invalid) {
                errors.add(invalid.field(), invalid.getMessage());
                return pages.page(HttpStatus.CONFLICT, "edit", form.editPage(signedIn.frame(), errors, key, editable),
                        request);
            } catch (IllegalTransitionException refused) {
                // A field its status does not let change: forged, or the experiment was started or stopped meanwhile.
                return pages.problem(HttpStatus.CONFLICT, signedIn.frame(), "Not changed", refused.getMessage()
                        + ". Nothing was changed; its page offers what its status still allows.", request);
            }
        });
    }

    /** What a form does to an experiment that exists, for a person whose role may change experiments. */
    @FunctionalInterface
    private interface Change {
        HttpResponse<?> make(SignedIn signedIn, Experiment experiment, ExperimentForm form);
    }

    /**
     * What the schedule and edit forms go through before their change: the check field, then the role (so that a
     * role without it learns nothing of which keys exist), then the experiment; and the core's refusals of any
     * change.
     */
    private HttpResponse<?> changeExperiment(HttpRequest<?> request, String key, String body, Change change) {
        SignedIn signedIn = SignedIn.of(request);
        FormFields fields = FormFields.parse(body);
        if (!signedIn.sentThis(fields)) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        if (!signedIn.principal().may(Permission.CHANGE_EXPERIMENTS)) {
            return pages.refused(signedIn, Permission.CHANGE_EXPERIMENTS, request);
        }
        Optional<Experiment> found = ExperimentKeys.find(experiments, key);
        if (found.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        try {
            return change.make(signedIn, found.get(), ExperimentForm.of(fields));
        } catch (PermissionDeniedException denied) {
            return pages.refused(signedIn, denied, request);
        } catch (UnknownExperimentException unknown) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
    }

    /**
     * The confirmation of {@code call}, or, when the experiment's status is one the core's transition table does
     * not move by this call (started already, stopped), the page that says so without the form: a call that
     * would change nothing, or be refused, is not offered.
     */
    private ConfirmPage confirmPage(SignedIn signedIn, Experiment experiment, LifecycleCall call) {
        String key = experiment.key().value();
        String impossible = call.movesFrom(experiment.status()) ? null
                : key + " is " + experiment.status() + ": there is nothing to " + call.call() + ".";
        return new ConfirmPage(signedIn.frame(), key, call.call(), call.label() + " " + key + "?", call.consequence(),
                call.button(), call.path(key), Paths.experiment(key), impossible);
    }

}
