package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.results.SampleRatio;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * The sample-ratio check of the results: {@code expected} and {@code observed} assigned devices per option
 * value, in the experiment's option order; {@code chiSquare} and {@code pValue} null where no exposures
 * are used.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SampleRatioJson(
        Map<String, Double> expected,
        Map<String, Long> observed,
        boolean withinOneBlock,
        @Nullable Double chiSquare,
        @Nullable Double pValue,
        boolean mismatch) {

    static SampleRatioJson from(SampleRatio check) {
        return new SampleRatioJson(check.expected(), check.observed(), check.withinOneBlock(),
                OptionResultJson.figure(check.chiSquare()), OptionResultJson.figure(check.pValue()), check.mismatch());
    }
}
