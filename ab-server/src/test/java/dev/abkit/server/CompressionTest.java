package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Compressed responses use only encodings ordinary clients decode, whatever else the client lists. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressionTest extends SystemTest {

    /** Well over Micronaut's 1 KiB threshold, so that the listing is compressed at all. */
    @BeforeAll
    void a_listing_worth_compressing() {
        api = new Api(server.getURI(), json);
        StringBuilder options = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            options.append(i == 0 ? "" : ",").append("{\"value\":\"").append(i).append("x".repeat(90)).append("\",\"weight\":1}");
        }
        assertThat(api.createExperiment("{\"key\":\"long_values\",\"options\":[" + options + "]}").statusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "snappy;q=1, gzip;q=0.5", "snappy, zstd, *", "gzip", "deflate, snappy"})
    void the_listing_is_gzip_deflate_or_plain_and_decodes(String acceptEncoding) {
        HttpResponse<byte[]> response = api.getBytes(Api.ADMIN, "Authorization", "Bearer " + Api.ADMIN_TOKEN,
                "Accept-Encoding", acceptEncoding);

        assertThat(response.statusCode()).isEqualTo(200);
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
        assertThat(encoding).as(acceptEncoding).isIn("gzip", "deflate");
        assertThat(decoded(encoding, response.body())).startsWith("[").contains("\"key\":\"long_values\"").endsWith("]");
    }

    private static String decoded(String encoding, byte[] body) {
        try (InputStream in = switch (encoding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
            default -> new ByteArrayInputStream(body);
        }) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("not " + encoding, e);
        }
    }
}
