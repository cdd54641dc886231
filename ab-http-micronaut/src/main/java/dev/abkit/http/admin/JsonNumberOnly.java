package dev.abkit.http.admin;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A decimal property that must be a JSON number: serde would read {@code "50"} as 50 and {@code true}
 * as 1, and no serde setting stops that coercion.
 *
 * <p>The JSON parser hands a number with a fraction or exponent over as a double. Its shortest decimal
 * spelling is exact for up to 15 significant digits, far more than a weight (at most 10000.00) has,
 * so only digits beyond the 15th are lost. A number too large for a double arrives as infinity and
 * becomes the largest double, so that the core still rejects it as out of range, naming the field.
 */
@Singleton
final class JsonNumberOnly implements Deserializer<BigDecimal> {

    @Override
    public BigDecimal deserialize(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type)
            throws IOException {
        JsonNode node = decoder.decodeNode();
        if (!node.isNumber()) {
            throw decoder.createDeserializationException("must be a JSON number", null);
        }
        return decimalOf(node.getNumberValue());
    }

    /** A JSON number as a decimal, as this deserializer reads it; also for bodies read as a tree. */
    static BigDecimal decimalOf(Number number) {
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            return Double.isInfinite(value)
                    ? BigDecimal.valueOf(Math.copySign(Double.MAX_VALUE, value))
                    : BigDecimal.valueOf(value);
        }
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        return number instanceof BigInteger integer ? new BigDecimal(integer) : BigDecimal.valueOf(number.longValue());
    }

    @Override
    public BigDecimal deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type)
            throws IOException {
        return decoder.decodeNull() ? null : deserialize(decoder, context, type);
    }
}
