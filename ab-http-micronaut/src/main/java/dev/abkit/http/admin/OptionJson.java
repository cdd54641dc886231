package dev.abkit.http.admin;

import dev.abkit.core.model.Option;
import dev.abkit.core.model.Weight;
import dev.abkit.http.problem.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** One option of an experiment on the wire: the value a device receives and its relative weight. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "Option")
public record OptionJson(
        @Schema(description = "1-100 characters, counted as Unicode code points (an emoji is one), distinct within the"
                + " experiment; valid Unicode text: no unpaired surrogates, control characters or non-characters",
                minLength = 1, maxLength = 100, example = "short")
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String value,
        @Schema(description = "relative share: a decimal from 0.01 to 10000 with at most two decimal places",
                minimum = "0.01", maximum = "10000", example = "50")
        @Serdeable.Deserializable(using = JsonNumberOnly.class) @Nullable BigDecimal weight) {

    static OptionJson from(Option option) {
        return new OptionJson(option.value(), option.weight().value());
    }

    /** @param path where this option sits in the request, e.g. {@code options[1]}, to name the field at fault */
    Option toDomain(String path) {
        Weight checkedWeight;
        try {
            checkedWeight = new Weight(weight);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + ".weight", e.getMessage());
        }
        try {
            return new Option(value, checkedWeight);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path + ".value", e.getMessage());
        }
    }
}
