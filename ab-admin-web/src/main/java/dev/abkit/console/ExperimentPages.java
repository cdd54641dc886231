package dev.abkit.console;

import dev.abkit.core.auth.Permission;
import dev.abkit.core.auth.Principal;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.EditableField;
import dev.abkit.core.model.Option;
import dev.abkit.core.model.Transition;
import dev.abkit.core.port.in.ExperimentStatistics;
import dev.abkit.core.port.in.OverrideDevices;
import dev.abkit.core.port.in.StatisticsReport.ExperimentFigures;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An experiment's page as a role may see it: the statistics' counts for a role that may read them, the lifecycle
 * calls, the schedule form (a draft's or a scheduled one's) and the edit link (unless it is stopped) for one that may
 * change experiments, the overrides and their form for one that may override devices, the results link for one that
 * may read statistics, the history link for one that may read the audit trail. Made for
 * {@link ExperimentsController}, and for {@link OverridesController} when an override form sent from the page comes
 * back to it with an error.
 */
@Singleton
public final class ExperimentPages {

    private final ExperimentStatistics statistics;
    private final OverrideDevices overrides;

    public ExperimentPages(ExperimentStatistics statistics, OverrideDevices overrides) {
        this.statistics = statistics;
        this.overrides = overrides;
    }

    /** The statistics' counts, for a role that may read them; none otherwise (an editor's pages show no counts). */
    Map<ExperimentKey, ExperimentFigures> figures(Principal principal) {
        if (!principal.may(Permission.READ_STATISTICS)) {
            return Map.of();
        }
        return statistics.report().experiments().stream()
                .collect(Collectors.toMap(ExperimentFigures::key, Function.identity()));
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** What the edit link says it changes: everything of a draft, a started one's end and coverage, a closed one's end. */
    private static String editLabel(Set<EditableField> editable) {
        return editable.contains(EditableField.OPTIONS) ? "Edit"
                : editable.contains(EditableField.COVERAGE) ? "Change end or coverage" : "Change end";
    }

    /**
     * @param notice  what was just done to it, or null
     * @param form    the override form as sent (empty when none was), shown with {@code errors} next to its fields
     * @param refused the core's reason for refusing an override it could not foresee, or null
     */
    ExperimentPage page(SignedIn signedIn, Experiment experiment, String notice, OverrideForm form, FieldErrors errors,
                        String refused) {
        return page(signedIn, experiment, notice, null, form, errors, refused, ExperimentForm.of(experiment),
                new FieldErrors());
    }

    /**
     * The page with its schedule form as sent: with what is wrong next to its fields, or, for a change its status
     * no longer allows, the core's reason at the top.
     *
     * @param refused the core's reason, or null
     */
    ExperimentPage withSchedule(SignedIn signedIn, Experiment experiment, ExperimentForm schedule, FieldErrors errors,
                                String refused) {
        return page(signedIn, experiment, null, refused, OverrideForm.empty(), new FieldErrors(), null, schedule, errors);
    }

    private ExperimentPage page(SignedIn signedIn, Experiment experiment, String notice, String error,
                                OverrideForm form, FieldErrors errors, String refused, ExperimentForm schedule,
                                FieldErrors scheduleErrors) {
        Principal principal = signedIn.principal();
        String key = experiment.key().value();
        ExperimentFigures figures = figures(principal).get(experiment.key());
        List<ExperimentPage.OptionLine> options = new ArrayList<>();
        for (int i = 0; i < experiment.options().size(); i++) {
            Option option = experiment.options().get(i);
            options.add(new ExperimentPage.OptionLine(option.value(), option.weight().value().toPlainString(),
                    figures == null ? null : count(figures.options().get(i).devices())));
        }
        List<ExperimentPage.Action> actions = !principal.may(Permission.CHANGE_EXPERIMENTS) ? List.of()
                : Arrays.stream(LifecycleCall.values()).filter(call -> call.movesFrom(experiment.status()))
                .map(call -> new ExperimentPage.Action(call.call(), call.label(), call.path(key))).toList();
        OverridesSection overridden = !principal.may(Permission.OVERRIDE_DEVICES) ? null
                : form.section(experiment, overrides.overridesOf(experiment.key()), errors, refused, true);
        String results = principal.may(Permission.READ_STATISTICS) ? Paths.results(key) : null;
        String history = principal.may(Permission.READ_AUDIT) ? Paths.history(key) : null;
        boolean changes = principal.may(Permission.CHANGE_EXPERIMENTS);
        ScheduleSection scheduled = changes && Transition.SCHEDULE.movesFrom(experiment.status())
                ? schedule.scheduleSection(key, scheduleErrors) : null;
        Set<EditableField> editable = changes ? EditableField.in(experiment.status()) : Set.of();
        String edit = editable.isEmpty() ? null : Paths.edit(key);
        return new ExperimentPage(signedIn.frame(), notice, error, key, experiment.status().name(),
                Shown.statusClass(experiment.status()), Shown.time(experiment.createdAt()),
                Shown.schedule(experiment.lifecycle()), experiment.coverage().toString(),
                Shown.audience(experiment.audience()), options, figures == null ? null : count(figures.devices()),
                actions, overridden, results, history, scheduled, edit, editLabel(editable));
    }
}
