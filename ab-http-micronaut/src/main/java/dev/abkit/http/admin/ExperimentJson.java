package dev.abkit.http.admin;

import dev.abkit.core.model.Experiment;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An experiment as the admin API shows it. */
@Serdeable
public record ExperimentJson(
        String key,
        String status,
        String createdAt,
        List<OptionJson> options) {

    static ExperimentJson from(Experiment experiment) {
        return new ExperimentJson(
                experiment.key().value(),
                experiment.status().name(),
                experiment.createdAt().toString(),
                experiment.options().stream().map(OptionJson::from).toList());
    }
}
