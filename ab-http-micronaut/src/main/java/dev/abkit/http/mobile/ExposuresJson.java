package dev.abkit.http.mobile;

import dev.abkit.core.event.ExposureBatch;
import dev.abkit.core.event.ExposureInput;
import dev.abkit.core.event.Receipt;
import dev.abkit.core.model.DeviceToken;
import dev.abkit.http.json.Instants;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/exposures}: {@code {"experiment": KEY, "at": ...}} or {@code {"exposures": [...]}}. */
public final class ExposuresJson {

    static final String LIST = "exposures";
    private static final String MEMBERS = "experiment, at";

    private final JsonNode body;

    ExposuresJson(JsonNode body) {
        this.body = body;
    }

    /**
     * The core's batch, validated whole (whether each experiment exists is the use case's to say).
     *
     * @throws dev.abkit.http.problem.MalformedBodyException     naming a member of the wrong shape
     * @throws dev.abkit.http.problem.InvalidInputException      naming an {@code at} that is no instant
     * @throws dev.abkit.core.error.InvalidEventException naming the first invalid value
     */
    ExposureBatch toDomain(DeviceToken device, Receipt receipt) {
        List<JsonNode> items = IngestJson.batchItems(body, LIST);
        if (items == null) {
            return ExposureBatch.single(device, input("", body), receipt);
        }
        List<ExposureInput> inputs = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            inputs.add(input(LIST + "[" + i + "].", items.get(i)));
        }
        return ExposureBatch.of(device, inputs, receipt);
    }

    private static ExposureInput input(String prefix, JsonNode exposure) {
        String experiment = null;
        String at = null;
        for (Map.Entry<String, JsonNode> member : exposure.entries()) {
            String path = prefix + member.getKey();
            switch (member.getKey()) {
                case "experiment" -> experiment = IngestJson.text(path, member.getValue());
                case "at" -> at = IngestJson.text(path, member.getValue());
                default -> throw IngestJson.unknown(path, MEMBERS);
            }
        }
        return new ExposureInput(experiment, Instants.parse(prefix + "at", at));
    }
}
