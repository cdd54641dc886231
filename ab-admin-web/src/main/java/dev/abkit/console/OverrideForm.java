package dev.abkit.console;

import dev.abkit.core.model.DeviceOverride;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentStatus;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The forms of an experiment's QA overrides, as a person filled them in: the device token and the option to
 * serve it (set), or the device whose override goes (remove), and which page the form was sent from, to go
 * back to. The checks are the core's ({@link DeviceToken}'s constructor, the use case's refusals); this class
 * says which input each reason belongs to, and makes the section both pages show.
 */
final class OverrideForm {

    static final String EXPERIMENT = "experiment";
    static final String DEVICE = "device";
    static final String VALUE = "value";
    /** Sent as {@link #FROM_EXPERIMENT} by the experiment's page; absent from the overrides page. */
    static final String BACK = "back";
    static final String FROM_EXPERIMENT = "experiment";

    /** What a form just did, said at the top of the page it goes back to ({@code ?done=override-set}). */
    enum Done {
        SET("override-set", "Override set: the device is served this option from its next request."),
        REMOVED("override-removed", "Override removed: the device is served what it would have had without it.");

        private final String param;
        private final String notice;

        Done(String param, String notice) {
            this.param = param;
            this.notice = notice;
        }

        static Optional<Done> of(String param) {
            return Arrays.stream(values()).filter(done -> done.param.equals(param)).findFirst();
        }

        String notice() {
            return notice;
        }
    }

    private final FormFields fields;

    private OverrideForm(FormFields fields) {
        this.fields = fields;
    }

    static OverrideForm empty() {
        return new OverrideForm(FormFields.parse(""));
    }

    static OverrideForm of(FormFields fields) {
        return new OverrideForm(fields);
    }

    /** @return the device, or null when {@code errors} received what is wrong with it */
    DeviceToken device(FieldErrors errors) {
        try {
            return DeviceToken.of(fields.text(DEVICE));
        } catch (IllegalArgumentException e) {
            errors.add(DEVICE, e.getMessage());
            return null;
        }
    }

    /** The device token as sent, unchecked: the device of a removal, which the core looks up. */
    String deviceAsSent() {
        return fields.text(DEVICE);
    }

    /** @return the option chosen, or null when none was ({@code errors} says so); the core checks it is an option */
    String value(FieldErrors errors) {
        if (fields.text(VALUE).isEmpty()) {
            errors.add(VALUE, "choose the option this device is served");
            return null;
        }
        return fields.text(VALUE);
    }

    /** Whether the form was sent from the experiment's page (else from the overrides page). */
    boolean fromExperimentPage() {
        return fields.text(BACK).equals(FROM_EXPERIMENT);
    }

    /** Where the person goes after {@code done}: back to the page the form was on (POST, then GET). */
    String doneAt(String key, Done done) {
        return fromExperimentPage()
                ? Paths.experiment(key) + "?" + Paths.DONE + "=" + done.param
                : Paths.overrides(key) + "&" + Paths.DONE + "=" + done.param;
    }

    /**
     * The experiment's overrides, each with its remove button, and the form that sets one (not offered on a
     * stopped experiment, which is served to nobody), as filled in, with what is wrong next to each field.
     *
     * @param refused the core's reason for refusing a change the page could not foresee, or null
     * @param onExperimentPage whether the section is part of the experiment's page (its forms come back to it)
     */
    OverridesSection section(Experiment experiment, List<DeviceOverride> overrides, FieldErrors errors,
                             String refused, boolean onExperimentPage) {
        String key = experiment.key().value();
        String chosen = fields.text(VALUE);
        List<Choice> options = experiment.options().stream()
                .map(option -> new Choice(option.value(), option.value(), option.value().equals(chosen))).toList();
        List<OverridesSection.Row> rows = overrides.stream().map(override -> new OverridesSection.Row(
                override.device().value(), override.value(), Shown.time(override.createdAt()))).toList();
        String closed = refused != null ? refused : experiment.status() == ExperimentStatus.STOPPED
                ? key + " is STOPPED: it is served to nobody, so an override of it would never apply." : null;
        return new OverridesSection(key, rows, closed, options, field(DEVICE, errors), field(VALUE, errors),
                Paths.overridesOf(key), Paths.overridesOf(key) + "/remove", onExperimentPage ? FROM_EXPERIMENT : null);
    }

    private Field field(String name, FieldErrors errors) {
        return new Field(name, fields.text(name), errors.of(name));
    }
}
