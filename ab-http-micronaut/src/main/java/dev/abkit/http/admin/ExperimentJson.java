package dev.abkit.http.admin;

import dev.abkit.http.json.Instants;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.model.Experiment;
import dev.abkit.core.model.Lifecycle;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/**
 * An experiment as the admin API shows it. The instants of its schedule and its audience are always
 * present, null when it has none, so that a client sees every field the experiment has. {@code coverage}
 * is the share of eligible new devices it enrols now, or from its next block boundary on (R7), in
 * percent with as few decimals as it needs (10, 33.33, 100).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExperimentJson(
        String key,
        String status,
        String createdAt,
        List<OptionJson> options,
        @Nullable String startAt,
        @Nullable String endAt,
        @Nullable String startedAt,
        String endAction,
        BigDecimal coverage,
        @Nullable AudienceJson audience) {

    static ExperimentJson from(Experiment experiment) {
        Lifecycle lifecycle = experiment.lifecycle();
        return new ExperimentJson(
                experiment.key().value(),
                experiment.status().name(),
                experiment.createdAt().toString(),
                experiment.options().stream().map(OptionJson::from).toList(),
                Instants.format(lifecycle.startAt()),
                Instants.format(lifecycle.endAt()),
                Instants.format(lifecycle.startedAt()),
                lifecycle.endAction().name(),
                experiment.coverage().percent(),
                AudienceJson.from(experiment.audience()));
    }
}
