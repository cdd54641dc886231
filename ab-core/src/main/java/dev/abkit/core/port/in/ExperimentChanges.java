package dev.abkit.core.port.in;

import dev.abkit.core.model.Audience;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.EditableField;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Option;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fields an edit changes; every other field stays as it is. Options are checked here, as
 * {@link NewExperiment} checks them. An instant given as {@link Optional#empty()} removes it; an
 * audience given as {@link Audience#EVERYONE} removes every rule.
 */
public record ExperimentChanges(Optional<List<Option>> options, Optional<Optional<Instant>> startAt,
                                Optional<Optional<Instant>> endAt, Optional<EndAction> endAction,
                                Optional<Audience> audience, Optional<Coverage> coverage) {

    public ExperimentChanges {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(endAt, "endAt");
        Objects.requireNonNull(endAction, "endAction");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(coverage, "coverage");
        options = options.map(Experiment::validOptions);
    }

    /** The fields this edit sets (an end, its action or both: {@link EditableField#END}), whatever their new values. */
    public Set<EditableField> fields() {
        Set<EditableField> fields = EnumSet.noneOf(EditableField.class);
        options.ifPresent(set -> fields.add(EditableField.OPTIONS));
        audience.ifPresent(set -> fields.add(EditableField.AUDIENCE));
        startAt.ifPresent(set -> fields.add(EditableField.START_AT));
        coverage.ifPresent(set -> fields.add(EditableField.COVERAGE));
        if (endAt.isPresent() || endAction.isPresent()) {
            fields.add(EditableField.END);
        }
        return Collections.unmodifiableSet(fields);
    }

    /** Changes nothing; add fields with the {@code with...} methods. */
    public static ExperimentChanges none() {
        return new ExperimentChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public ExperimentChanges withOptions(List<Option> newOptions) {
        return new ExperimentChanges(Optional.of(newOptions), startAt, endAt, endAction, audience, coverage);
    }

    /** @param newStartAt the new start, or null to remove it */
    public ExperimentChanges withStartAt(Instant newStartAt) {
        return new ExperimentChanges(options, Optional.of(Optional.ofNullable(newStartAt)), endAt, endAction,
                audience, coverage);
    }

    /** @param newEndAt the new end, or null to remove it */
    public ExperimentChanges withEndAt(Instant newEndAt) {
        return new ExperimentChanges(options, startAt, Optional.of(Optional.ofNullable(newEndAt)), endAction,
                audience, coverage);
    }

    public ExperimentChanges withEndAction(EndAction newEndAction) {
        return new ExperimentChanges(options, startAt, endAt, Optional.of(newEndAction), audience, coverage);
    }

    /** @param newAudience the new audience, or null (or {@link Audience#EVERYONE}) to remove every rule */
    public ExperimentChanges withAudience(Audience newAudience) {
        return new ExperimentChanges(options, startAt, endAt, endAction,
                Optional.of(newAudience == null ? Audience.EVERYONE : newAudience), coverage);
    }

    /** The share of eligible new devices to enrol (R7); on a started experiment from the next block boundary on. */
    public ExperimentChanges withCoverage(Coverage newCoverage) {
        return new ExperimentChanges(options, startAt, endAt, endAction, audience,
                Optional.of(Objects.requireNonNull(newCoverage, "coverage")));
    }
}
