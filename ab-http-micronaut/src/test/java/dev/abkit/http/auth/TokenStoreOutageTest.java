package dev.abkit.http.auth;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.port.in.AuthenticateToken;
import dev.abkit.http.Calls;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token store that cannot be reached is an outage, not a wrong token: the admin API answers the 503 problem
 * with Retry-After that every other call answers then, never a 401 that would send the caller looking for a new token.
 */
@MicronautTest
class TokenStoreOutageTest {

    @Inject
    EmbeddedServer server;

    @MockBean(AuthenticateToken.class)
    AuthenticateToken unreachable() {
        return presented -> {
            throw new StorageUnavailableException("the database cannot be reached to find a personal token; try again later",
                    new java.sql.SQLException("connection refused"));
        };
    }

    @Test
    void the_admin_api_answers_503_while_the_token_store_is_unreachable() {
        HttpResponse<String> response = Calls.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                server.getURI().resolve("/api/v1/admin/experiments")).header("Authorization", "Bearer abk_x")
                .timeout(Duration.ofSeconds(10)).build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("urn:abkit:problem:storage-unavailable", "find a personal token");
    }
}
