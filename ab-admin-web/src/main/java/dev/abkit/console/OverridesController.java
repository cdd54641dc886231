package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.PermissionDeniedException;
import dev.abkit.core.error.IllegalTransitionException;
import dev.abkit.core.error.InvalidOverrideException;
import dev.abkit.core.error.UnknownExperimentException;
import dev.abkit.core.error.UnknownOverrideException;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.port.in.FindExperiments;
import dev.abkit.core.port.in.OverrideDevices;
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

import java.util.Optional;

/**
 * QA overrides in the console: the overrides page of an experiment chosen by its key, and the forms that set
 * and remove one, which the experiment's page carries too. Every page and form needs {@code OVERRIDE_DEVICES}
 * only, checked here before anything is read (so that a role without it learns nothing of which keys exist)
 * and again by the core on every change. A form with an error is shown again on the page it was sent from (the
 * experiment's page, for a role that may read it, or the overrides page), with the reason next to its field.
 */
@Controller(Paths.OVERRIDES)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OverridesController {

    private final FindExperiments experiments;
    private final OverrideDevices overrides;
    private final ExperimentPages experimentPages;
    private final ConsolePages pages;

    public OverridesController(FindExperiments experiments, OverrideDevices overrides, ExperimentPages experimentPages,
                               ConsolePages pages) {
        this.experiments = experiments;
        this.overrides = overrides;
        this.experimentPages = experimentPages;
        this.pages = pages;
    }

    /**
     * @param experiment the key entered; absent or empty: the page asks for one
     * @param done       what a form just did (override-set, override-removed), said at the page's top
     */
    @Get(produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> page(HttpRequest<?> request, @Nullable @QueryValue String experiment,
                                @Nullable @QueryValue String done) {
        SignedIn signedIn = SignedIn.of(request);
        if (!signedIn.principal().may(Permission.OVERRIDE_DEVICES)) {
            return pages.refused(signedIn, Permission.OVERRIDE_DEVICES, request);
        }
        String text = experiment == null ? "" : experiment.trim();
        if (text.isEmpty()) {
            return pages.ok("overrides", new OverridesPage(signedIn.frame(), null, null,
                    new Field(OverrideForm.EXPERIMENT, "", null), null, null), request);
        }
        try {
            ExperimentKey.of(text);
        } catch (IllegalArgumentException notAKey) {
            return keyRefused(signedIn, HttpStatus.BAD_REQUEST, text, notAKey.getMessage(), request);
        }
        Optional<Experiment> found = ExperimentKeys.find(experiments, text);
        if (found.isEmpty()) {
            return keyRefused(signedIn, HttpStatus.NOT_FOUND, text, "there is no experiment with this key", request);
        }
        String notice = OverrideForm.Done.of(done).map(OverrideForm.Done::notice).orElse(null);
        return page(HttpStatus.OK, signedIn, found.get(), OverrideForm.empty(), new FieldErrors(), notice, null, null, request);
    }

    private HttpResponse<?> keyRefused(SignedIn signedIn, HttpStatus status, String entered, String reason,
                                       HttpRequest<?> request) {
        return pages.page(status, "overrides", new OverridesPage(signedIn.frame(), null, null,
                new Field(OverrideForm.EXPERIMENT, entered, reason), null, null), request);
    }

    /** Sets the device's override, or shows the form again with what is wrong. */
    @Post(value = "/{key}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> set(HttpRequest<?> request, @PathVariable String key, @Nullable @Body String body) {
        return change(request, key, body, (signedIn, experiment, form) -> {
            FieldErrors errors = new FieldErrors();
            DeviceToken device = form.device(errors);
            String value = form.value(errors);
            if (!errors.isEmpty()) {
                return again(HttpStatus.BAD_REQUEST, signedIn, experiment, form, errors, null, request);
            }
            try {
                overrides.put(signedIn.principal(), experiment.key(), device, value);
                return Paths.seeOther(form.doneAt(key, OverrideForm.Done.SET));
            } catch (InvalidOverrideException notAnOption) {
                errors.add(OverrideForm.VALUE, notAnOption.getMessage());
                return again(HttpStatus.BAD_REQUEST, signedIn, experiment, form, errors, null, request);
            } catch (IllegalTransitionException stopped) {
                // Stopped since the page was opened: the form is no longer offered, and the core says why.
                return again(HttpStatus.CONFLICT, signedIn, experiments.get(experiment.key()), form, errors,
                        stopped.getMessage(), request);
            }
        });
    }

    @Post(value = "/{key}/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = ConsolePages.HTML_UTF8)
    public HttpResponse<?> remove(HttpRequest<?> request, @PathVariable String key, @Nullable @Body String body) {
        return change(request, key, body, (signedIn, experiment, form) -> {
            String device = form.deviceAsSent();
            try {
                overrides.remove(signedIn.principal(), experiment.key(), DeviceToken.of(device));
                return Paths.seeOther(form.doneAt(key, OverrideForm.Done.REMOVED));
            } catch (UnknownOverrideException | IllegalArgumentException none) {
                // Removed meanwhile (by another person, or a second click), or a token no device can have.
                return page(HttpStatus.CONFLICT, signedIn, experiment, OverrideForm.empty(), new FieldErrors(), null,
                        "The device " + device + " has no override in " + key + " (any more): nothing was removed.",
                        null, request);
            }
        });
    }

    /** What a form does to the overrides of an experiment that exists, for a person whose role may change them. */
    @FunctionalInterface
    private interface Change {
        HttpResponse<?> make(SignedIn signedIn, Experiment experiment, OverrideForm form);
    }

    /**
     * What every override form goes through before its change: the check field, then the role (so that a role
     * without it learns nothing of which keys exist), then the experiment; and the core's refusals of any change.
     */
    private HttpResponse<?> change(HttpRequest<?> request, String key, String body, Change change) {
        SignedIn signedIn = SignedIn.of(request);
        FormFields fields = FormFields.parse(body);
        if (!signedIn.sentThis(fields)) {
            return pages.forgedForm(signedIn.frame(), request);
        }
        if (!signedIn.principal().may(Permission.OVERRIDE_DEVICES)) {
            return pages.refused(signedIn, Permission.OVERRIDE_DEVICES, request);
        }
        Optional<Experiment> found = ExperimentKeys.find(experiments, key);
        if (found.isEmpty()) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
        try {
            return change.make(signedIn, found.get(), OverrideForm.of(fields));
        } catch (PermissionDeniedException denied) {
            return pages.refused(signedIn, denied, request);
        } catch (UnknownExperimentException unknown) {
            return pages.noSuchExperiment(signedIn, key, request);
        }
    }

    /** The form again, on the page it was sent from, with what is wrong next to its fields. */
    private HttpResponse<?> again(HttpStatus status, SignedIn signedIn, Experiment experiment, OverrideForm form,
                                  FieldErrors errors, String refused, HttpRequest<?> request) {
        if (form.fromExperimentPage() && signedIn.principal().may(Permission.READ_EXPERIMENTS)) {
            return pages.page(status, "experiment", experimentPages.page(signedIn, experiment, null, form, errors, refused),
                    request);
        }
        return page(status, signedIn, experiment, form, errors, null, null, refused, request);
    }

    private HttpResponse<?> page(HttpStatus status, SignedIn signedIn, Experiment experiment, OverrideForm form,
                                 FieldErrors errors, String notice, String error, String refused,
                                 HttpRequest<?> request) {
        String key = experiment.key().value();
        OverridesSection section = form.section(experiment, overrides.overridesOf(experiment.key()), errors, refused, false);
        String experimentPath = signedIn.principal().may(Permission.READ_EXPERIMENTS) ? Paths.experiment(key) : null;
        return pages.page(status, "overrides", new OverridesPage(signedIn.frame(), notice, error,
                new Field(OverrideForm.EXPERIMENT, key, null), section, experimentPath), request);
    }
}
