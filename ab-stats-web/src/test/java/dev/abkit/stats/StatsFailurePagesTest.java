package dev.abkit.stats;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.port.in.AuthenticateToken;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure of the token filter itself (the token store out of reach) reaches {@link StatsFailurePages}, which is
 * outside it: the pages answer a page, while the JSON twin below {@code /api} keeps its JSON. (This module has no
 * problem handler of its own, so the failure is a 500 here; the server maps it to 503, HangingDatabaseTest.)
 */
@MicronautTest
class StatsFailurePagesTest {

    @Inject
    EmbeddedServer server;

    @MockBean(AuthenticateToken.class)
    AuthenticateToken unreachable() {
        return presented -> {
            throw new StorageUnavailableException("the database cannot be reached to find a personal token");
        };
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer abk_x").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_failing_token_filter_is_a_page_on_the_pages_and_json_on_the_api() throws Exception {
        for (String page : new String[]{"/stats", "/stats/experiments/button_color/results"}) {
            HttpResponse<String> response = get(page);

            assertThat(response.statusCode()).as(page).isGreaterThanOrEqualTo(500);
            assertThat(response.headers().firstValue("Content-Type")).as(page)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).as(page).contains("<h1>").doesNotContain("{\"");
        }
        HttpResponse<String> api = get("/api/v1/stats");
        assertThat(api.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).doesNotStartWith("text/html"));
    }
}
