package dev.abkit.core.port.in;

import dev.abkit.core.model.Audience;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a product team asks for when it creates an experiment. Its options are checked here, as
 * {@link Experiment} will check them, so that an adapter learns that a request is invalid while
 * it still turns the request into this command, not from the use case, whose failures are its own.
 *
 * @param draft     whether it is prepared only (DRAFT): no device sees it until it is started or scheduled
 * @param startAt   when it starts by itself (SCHEDULED, unless a draft); null: at once (RUNNING), unless a draft
 * @param endAt     when it ends by itself, as {@code endAction} says; null: never
 * @param endAction what {@code endAt} does; {@link EndAction#STOP} unless said otherwise
 * @param audience  the new devices it may enrol (R8); {@link Audience#EVERYONE} unless said otherwise
 * @param coverage  the share of those it enrols (R7); {@link Coverage#FULL} unless said otherwise
 */
public record NewExperiment(ExperimentKey key, List<Option> options, boolean draft, Instant startAt, Instant endAt,
                            EndAction endAction, Audience audience, Coverage coverage) {

    public NewExperiment {
        Objects.requireNonNull(key, "key");
        options = Experiment.validOptions(options);
        endAction = endAction == null ? EndAction.STOP : endAction;
        audience = audience == null ? Audience.EVERYONE : audience;
        coverage = coverage == null ? Coverage.FULL : coverage;
    }

    /** Enrolling every eligible device. */
    public NewExperiment(ExperimentKey key, List<Option> options, boolean draft, Instant startAt, Instant endAt,
                         EndAction endAction, Audience audience) {
        this(key, options, draft, startAt, endAt, endAction, audience, Coverage.FULL);
    }

    /** Open to every device. */
    public NewExperiment(ExperimentKey key, List<Option> options, boolean draft, Instant startAt, Instant endAt,
                         EndAction endAction) {
        this(key, options, draft, startAt, endAt, endAction, Audience.EVERYONE);
    }

    /** Running at once, without a schedule, as experiments were before they had a lifecycle. */
    public NewExperiment(ExperimentKey key, List<Option> options) {
        this(key, options, false, null, null, EndAction.STOP);
    }

    /** The same request, limited to {@code newAudience}. */
    public NewExperiment withAudience(Audience newAudience) {
        return new NewExperiment(key, options, draft, startAt, endAt, endAction, newAudience, coverage);
    }

    /** The same request, enrolling {@code newCoverage} of the eligible new devices. */
    public NewExperiment withCoverage(Coverage newCoverage) {
        return new NewExperiment(key, options, draft, startAt, endAt, endAction, audience, newCoverage);
    }
}
