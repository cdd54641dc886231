package dev.abkit.http.admin;

import dev.abkit.http.json.Instants;
import dev.abkit.core.model.Audience;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.EndAction;
import dev.abkit.core.model.ExperimentKey;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.NewExperiment;
import dev.abkit.http.problem.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /api/v1/admin/experiments}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record NewExperimentJson(
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String key,
        @Nullable List<OptionJson> options,
        @Serdeable.Deserializable(using = JsonBooleanOnly.class) @Nullable Boolean draft,
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String startAt,
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String endAt,
        @Serdeable.Deserializable(using = JsonTextOnly.class) @Nullable String endAction,
        @Nullable JsonNode audience,
        @Serdeable.Deserializable(using = JsonNumberOnly.class) @Nullable BigDecimal coverage) {

    /** The core's command, or an {@link InvalidInputException} naming the first field at fault. */
    NewExperiment toDomain() {
        ExperimentKey checkedKey;
        try {
            checkedKey = ExperimentKey.of(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("key", e.getMessage());
        }
        if (options == null || options.isEmpty()) {
            throw new InvalidInputException("options", "an experiment needs at least one option");
        }
        List<Option> checked = new ArrayList<>(options.size());
        for (int i = 0; i < options.size(); i++) {
            OptionJson option = options.get(i);
            if (option == null) {
                throw new InvalidInputException("options[" + i + "]", "must be an object with value and weight");
            }
            checked.add(option.toDomain("options[" + i + "]"));
        }
        Instant checkedStart = Instants.parse("startAt", startAt);
        Instant checkedEnd = Instants.parse("endAt", endAt);
        EndAction checkedEndAction = EndActions.endAction(endAction);
        Audience checkedAudience = AudienceJson.read("audience", audience);
        // Absent or null: every eligible device, as before coverage existed.
        Coverage checkedCoverage = coverage == null ? Coverage.FULL : CoverageJson.read(coverage);
        try {
            return new NewExperiment(checkedKey, checked, Boolean.TRUE.equals(draft), checkedStart, checkedEnd,
                    checkedEndAction, checkedAudience, checkedCoverage);
        } catch (IllegalArgumentException e) {
            // The options are valid one by one, not together (duplicate values, too many, ...).
            throw new InvalidInputException("options", e.getMessage());
        }
    }
}
