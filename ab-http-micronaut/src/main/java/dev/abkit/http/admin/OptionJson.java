package dev.abkit.http.admin;

import dev.abkit.core.model.Option;
import dev.abkit.core.model.Weight;
import dev.abkit.http.problem.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** One option of an experiment on the wire: the value a device receives and its relative weight. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record OptionJson(
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String value,
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
