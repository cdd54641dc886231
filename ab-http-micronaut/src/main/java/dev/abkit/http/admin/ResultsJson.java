package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.results.ExperimentResults;
import dev.abkit.core.results.ResultsQuery;
import dev.abkit.http.json.Instants;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An experiment's results as the admin API answers them (issue 14): what was asked ({@code metric},
 * the window {@code from}/{@code to}, null where open, {@code exposed}), the control option, a row per
 * option in the experiment's order, and the sample-ratio check. Every member is always present.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ResultsJson(
        String experiment,
        String metric,
        @Nullable String from,
        @Nullable String to,
        boolean exposed,
        String control,
        List<OptionResultJson> options,
        SampleRatioJson sampleRatio) {

    static ResultsJson from(ResultsQuery query, ExperimentResults results) {
        return new ResultsJson(
                results.experiment().value(),
                query.metric().value(),
                Instants.format(query.from().orElse(null)),
                Instants.format(query.to().orElse(null)),
                query.exposed(),
                results.control(),
                results.options().stream().map(OptionResultJson::from).toList(),
                SampleRatioJson.from(results.sampleRatio()));
    }
}
