package dev.abkit.http.admin;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** A flag that must be a JSON boolean: serde would read {@code "true"} or {@code 1} as true. */
@Singleton
final class JsonBooleanOnly implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isBoolean()) {
            throw decoder.createDeserializationException("must be true or false", null);
        }
        return node.getBooleanValue();
    }

    @Override
    public Boolean deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Boolean> type)
            throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
