package dev.abkit.http.admin;

import dev.abkit.core.model.Experiment;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** An experiment as the admin API shows it. */
@Serdeable
@Schema(name = "Experiment")
public record ExperimentJson(
        @Schema(example = "onboarding") String key,
        @Schema(allowableValues = {"RUNNING", "STOPPED"}) String status,
        @Schema(description = "ISO-8601, UTC", example = "2026-11-26T03:00:00Z") String createdAt,
        List<OptionJson> options) {

    static ExperimentJson from(Experiment experiment) {
        return new ExperimentJson(
                experiment.key().value(),
                experiment.status().name(),
                experiment.createdAt().toString(),
                experiment.options().stream().map(OptionJson::from).toList());
    }
}
