package dev.abkit.server;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mobile endpoint over real HTTP: the answer's shape and headers, stickiness, and its 400s. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobileApiTest extends SystemTest {

    @Test
    void a_new_device_gets_the_shipped_experiments_as_a_flat_object_in_creation_order() {
        HttpResponse<String> response = api.device("mobile-new-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).matches("\\{\"button_color\":\"#[0-9A-F]{6}\",\"price\":\"(10|20|50|5)\"}");
        Map<String, String> experiments = api.flat(response.body());
        assertThat(experiments.get("button_color")).isIn("#FF0000", "#00FF00", "#0000FF");
        assertThat(experiments.get("price")).isIn("10", "20", "50", "5");
    }

    @Test
    void a_returning_device_always_gets_the_same_answer() {
        String first = api.device("mobile-returning-1").body();

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> again = api.device("mobile-returning-1");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first);
            assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void a_missing_device_token_is_a_400_problem_naming_the_header() {
        HttpResponse<String> response = api.get(Api.EXPERIMENTS);

        assertProblem(response, 400);
        assertThat(api.object(response.body())).containsEntry("field", "Device-Token");
    }

    @Test
    void a_blank_device_token_is_a_400_problem() {
        assertProblem(api.device(" "), 400);
        assertProblem(api.device(""), 400);
    }

    @Test
    void a_device_token_of_201_characters_is_a_400_problem_and_200_characters_are_fine() {
        assertProblem(api.device("x".repeat(201)), 400);
        assertThat(api.device("y".repeat(200)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_device_token_with_a_space_inside_is_a_400_problem() {
        HttpResponse<String> response = api.device("two words");

        assertProblem(response, 400);
        assertThat(api.object(response.body()).get("detail").toString()).contains("Device-Token");
    }

    @Test
    void a_non_ascii_device_token_is_a_400_problem() {
        String request = "GET " + Api.EXPERIMENTS + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nDevice-Token: ";
        byte[] head = request.getBytes(StandardCharsets.US_ASCII);
        byte[] token = "gerät".getBytes(StandardCharsets.UTF_8);
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + token.length + end.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(token, 0, all, head.length, token.length);
        System.arraycopy(end, 0, all, head.length + token.length, end.length);

        String response = api.raw(all);

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
    }

}
