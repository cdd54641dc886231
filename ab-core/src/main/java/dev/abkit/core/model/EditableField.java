package dev.abkit.core.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static dev.abkit.core.model.ExperimentStatus.CLOSED;
import static dev.abkit.core.model.ExperimentStatus.DRAFT;
import static dev.abkit.core.model.ExperimentStatus.RUNNING;
import static dev.abkit.core.model.ExperimentStatus.SCHEDULED;

/**
 * What an edit may change of an experiment, and the statuses in which each may change: the one table that the
 * core's edit obeys and that an adapter asks to know which fields to offer. Options, weights and audience never
 * change once devices may see it (R1, R2); coverage changes while it may still enrol (R7, from the next block
 * boundary on); the end until it is stopped, which is final.
 */
public enum EditableField {

    /** The options and their weights. */
    OPTIONS(EnumSet.of(DRAFT)),
    /** Who may take part: platforms, app versions, locales, countries. */
    AUDIENCE(EnumSet.of(DRAFT)),
    /** The planned start; a scheduled one's is moved by scheduling it again. */
    START_AT(EnumSet.of(DRAFT)),
    /** The share of eligible new devices it enrols. */
    COVERAGE(EnumSet.of(DRAFT, SCHEDULED, RUNNING)),
    /** When it ends by itself ({@code endAt}, removed when empty) and what its end does ({@code endAction}). */
    END(EnumSet.of(DRAFT, SCHEDULED, RUNNING, CLOSED));

    private final Set<ExperimentStatus> changesIn;

    EditableField(Set<ExperimentStatus> changesIn) {
        this.changesIn = Collections.unmodifiableSet(changesIn);
    }

    /** Whether an experiment that is {@code status} now may have this field changed. */
    public boolean changesIn(ExperimentStatus status) {
        return changesIn.contains(status);
    }

    /** The fields an experiment that is {@code status} now may have changed; none once it is stopped. */
    public static Set<EditableField> in(ExperimentStatus status) {
        Set<EditableField> fields = EnumSet.noneOf(EditableField.class);
        Arrays.stream(values()).filter(field -> field.changesIn(status)).forEach(fields::add);
        return Collections.unmodifiableSet(fields);
    }
}
