package dev.abkit.stats;

import dev.abkit.core.AbKit;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/stats} over real HTTP, after 600 new devices went through the mobile use case. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiTest {

    @Inject
    AbKit abkit;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    ReceivedOptions received;

    @BeforeAll
    void sixHundredNewDevices() {
        received = ReceivedOptions.enroll(abkit, "api-device-", 600);
    }

    @Test
    void body_is_exactly_the_shape_of_the_spec() {
        HttpResponse<String> response = client.toBlocking().exchange(WithAdminToken.get("/api/v1/stats"), String.class);

        assertThat(response.getContentType()).contains(MediaType.APPLICATION_JSON_TYPE);
        assertThat(response.header(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(response.body()).isEqualTo("""
                {"devices":600,"experiments":[\
                {"key":"button_color","status":"RUNNING","createdAt":"2026-01-01T00:00:00Z","devices":600,"options":[\
                {"value":"#FF0000","weight":33.3,"devices":200,"share":0.3333},\
                {"value":"#00FF00","weight":33.3,"devices":200,"share":0.3333},\
                {"value":"#0000FF","weight":33.3,"devices":200,"share":0.3333}],\
                "startAt":null,"endAt":null,"startedAt":"2026-01-01T00:00:00Z","endAction":"STOP","audience":null,"overridden":0,"coverage":100,"leftOut":0},\
                {"key":"price","status":"RUNNING","createdAt":"2026-01-01T00:00:01Z","devices":600,"options":[\
                {"value":"10","weight":75,"devices":450,"share":0.7500},\
                {"value":"20","weight":10,"devices":60,"share":0.1000},\
                {"value":"50","weight":5,"devices":30,"share":0.0500},\
                {"value":"5","weight":10,"devices":60,"share":0.1000}],\
                "startAt":null,"endAt":null,"startedAt":"2026-01-01T00:00:01Z","endAction":"STOP","audience":null,"overridden":0,"coverage":100,"leftOut":0}],\
                "takenAt":"2026-11-26T10:15:30Z"}""");
    }

    @Test
    void counts_are_those_the_devices_actually_received() throws IOException {
        JsonNode body = json.readValue(
                client.toBlocking().retrieve(WithAdminToken.get("/api/v1/stats"), String.class), JsonNode.class);

        assertThat(body.get("devices").getLongValue()).isEqualTo(600);
        List<String> keys = new ArrayList<>();
        for (JsonNode experiment : body.get("experiments").values()) {
            String key = experiment.get("key").getStringValue();
            keys.add(key);
            assertThat(experiment.get("devices").getLongValue()).as(key).isEqualTo(received.total(key));
            for (JsonNode option : experiment.get("options").values()) {
                String value = option.get("value").getStringValue();
                long devices = option.get("devices").getLongValue();
                assertThat(devices).as(key + " " + value).isEqualTo(received.of(key, value));
                assertThat(option.get("weight").isNumber()).isTrue();
                assertThat(option.get("share").isNumber()).isTrue();
                BigDecimal share = new BigDecimal(option.get("share").getNumberValue().toString());
                assertThat(share).isEqualByComparingTo(
                        BigDecimal.valueOf(devices).divide(BigDecimal.valueOf(received.total(key)), 4,
                                java.math.RoundingMode.HALF_EVEN));
            }
        }
        assertThat(keys).containsExactly("button_color", "price");
    }
}
