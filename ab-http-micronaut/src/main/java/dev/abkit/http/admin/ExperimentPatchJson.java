package dev.abkit.http.admin;

import dev.abkit.http.json.Instants;
import dev.abkit.core.model.Coverage;
import dev.abkit.core.model.Option;
import dev.abkit.core.port.in.ExperimentChanges;
import dev.abkit.http.problem.InvalidInputException;
import dev.abkit.http.problem.MalformedBodyException;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PATCH /api/v1/admin/experiments/{key}}: a partial experiment. A member that is
 * absent stays as it is; {@code "startAt": null} or {@code "endAt": null} removes that instant,
 * {@code "audience": null} every rule of the audience. {@code "coverage"} has no null: on a running
 * experiment a stray null must not enrol every new device from then on, so 100 is spelled out.
 * Read as strictly as the body of a create: a member of the wrong JSON type or an unknown one is a
 * malformed body naming it.
 */
public final class ExperimentPatchJson {

    private final JsonNode body;

    ExperimentPatchJson(JsonNode body) {
        this.body = body;
    }

    /** The core's command, or an exception naming the first member at fault. */
    ExperimentChanges toDomain() {
        if (!body.isObject()) {
            throw new MalformedBodyException(null, "the request body must be a JSON object");
        }
        ExperimentChanges changes = ExperimentChanges.none();
        for (Map.Entry<String, JsonNode> member : body.entries()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            changes = switch (name) {
                case "options" -> changes.withOptions(options(value));
                case "audience" -> changes.withAudience(AudienceJson.read(name, value));
                case "coverage" -> changes.withCoverage(coverage(value));
                case "startAt" -> changes.withStartAt(Instants.parse(name, textOrNull(name, value)));
                case "endAt" -> changes.withEndAt(Instants.parse(name, textOrNull(name, value)));
                case "endAction" -> {
                    String action = textOrNull(name, value);
                    if (action == null) {
                        throw new InvalidInputException(name, "must be CLOSE or STOP");
                    }
                    yield changes.withEndAction(EndActions.endAction(action));
                }
                default -> throw new MalformedBodyException(name,
                        "is not a property this call changes (options, audience, coverage, startAt, endAt, endAction)");
            };
        }
        return changes;
    }

    private static List<Option> options(JsonNode value) {
        if (!value.isArray()) {
            throw new MalformedBodyException("options", "has the wrong type");
        }
        if (value.size() == 0) {
            throw new InvalidInputException("options", "an experiment needs at least one option");
        }
        List<Option> options = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            options.add(option("options[" + i + "]", value.get(i)));
        }
        try {
            return dev.abkit.core.model.Experiment.validOptions(options);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("options", e.getMessage());
        }
    }

    private static Coverage coverage(JsonNode value) {
        if (value.isNull()) {
            throw new InvalidInputException("coverage",
                    "must be a number from 0.01 to 100, not null (100 enrols every eligible new device)");
        }
        if (!value.isNumber()) {
            throw new MalformedBodyException("coverage", "has the wrong type");
        }
        return CoverageJson.read(JsonNumberOnly.decimalOf(value.getNumberValue()));
    }

    private static Option option(String path, JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, "must be an object with value and weight");
        }
        String value = null;
        BigDecimal weight = null;
        for (Map.Entry<String, JsonNode> member : node.entries()) {
            JsonNode field = member.getValue();
            switch (member.getKey()) {
                case "value" -> value = field.isNull() ? null : requireText(path + ".value", field);
                case "weight" -> {
                    if (!field.isNull() && !field.isNumber()) {
                        throw new MalformedBodyException(path + ".weight", "has the wrong type");
                    }
                    weight = field.isNull() ? null : JsonNumberOnly.decimalOf(field.getNumberValue());
                }
                default -> throw new MalformedBodyException(path + "." + member.getKey(),
                        "is not a property of this request (unknown properties are refused)");
            }
        }
        return new OptionJson(value, weight).toDomain(path);
    }

    private static String textOrNull(String name, JsonNode value) {
        return value.isNull() ? null : requireText(name, value);
    }

    private static String requireText(String name, JsonNode value) {
        if (!value.isString()) {
            throw new MalformedBodyException(name, "has the wrong type");
        }
        return value.getStringValue();
    }
}
