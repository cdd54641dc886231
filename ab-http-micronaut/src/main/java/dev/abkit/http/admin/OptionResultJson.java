package dev.abkit.http.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.abkit.core.results.OptionResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.OptionalDouble;

/**
 * One option's row of the results, member for member as the core's {@link OptionResult}: a figure that
 * does not apply is {@code null}, never left out, so that every row has the same members.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OptionResultJson(
        String value,
        long devices,
        long conversions,
        @Nullable Double rate,
        @Nullable Double rateLow,
        @Nullable Double rateHigh,
        @Nullable Double mean,
        @Nullable Double meanLow,
        @Nullable Double meanHigh,
        @Nullable Double difference,
        @Nullable Double differenceLow,
        @Nullable Double differenceHigh,
        @Nullable Double meanDifference,
        @Nullable Double meanDifferenceLow,
        @Nullable Double meanDifferenceHigh,
        @Nullable Double lift,
        @Nullable Double pValue,
        @Nullable Double pValueAdjusted) {

    static OptionResultJson from(OptionResult row) {
        return new OptionResultJson(row.value(), row.devices(), row.conversions(),
                figure(row.rate()), figure(row.rateLow()), figure(row.rateHigh()),
                figure(row.mean()), figure(row.meanLow()), figure(row.meanHigh()),
                figure(row.difference()), figure(row.differenceLow()), figure(row.differenceHigh()),
                figure(row.meanDifference()), figure(row.meanDifferenceLow()), figure(row.meanDifferenceHigh()),
                figure(row.lift()), figure(row.pValue()), figure(row.pValueAdjusted()));
    }

    static Double figure(OptionalDouble figure) {
        return figure.isPresent() ? figure.getAsDouble() : null;
    }
}
