package dev.abkit.http.admin;

import dev.abkit.http.json.StrictJsonReader;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Reads the body of {@code PATCH /api/v1/admin/experiments/{key}} strictly, as a tree: a patch must
 * tell a member that is absent (keep) from one that is {@code null} (remove), which a record cannot.
 */
@Singleton
@Consumes(MediaType.APPLICATION_JSON)
final class ExperimentPatchReader extends StrictJsonReader<ExperimentPatchJson> {

    ExperimentPatchReader(JsonMapper json) {
        super(json, ADMIN_LIMIT);
    }

    @Override
    protected ExperimentPatchJson decode(JsonMapper mapper, byte[] bytes, Argument<ExperimentPatchJson> type) throws IOException {
        return new ExperimentPatchJson(mapper.readValue(bytes, Argument.of(JsonNode.class)));
    }
}
