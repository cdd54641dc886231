package dev.abkit.console;

import dev.abkit.core.error.StorageUnavailableException;
import dev.abkit.core.port.in.ExperimentStatistics;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static dev.abkit.console.ConsoleClient.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure the console's controllers do not answer themselves still reaches a person as a console page, with
 * the status and the headers a client acts on: here the statistics fail (as they do when the database is out of
 * reach, answered by Micronaut's default handler in this module, by the API adapter's problem handler in the
 * server, which AdminConsoleTest covers), an address the console does not have, a method it does not take.
 */
@MicronautTest
class ErrorPagesTest {

    @Inject
    EmbeddedServer server;

    @MockBean(ExperimentStatistics.class)
    ExperimentStatistics failingStatistics() {
        return () -> {
            throw new StorageUnavailableException("the statistics cannot be read", new IllegalStateException("cut"));
        };
    }

    @Test
    void a_failure_inside_a_page_is_a_page_with_its_status_and_the_top_bar() {
        HttpResponse<String> response = ConsoleClient.admin(server).get(Paths.EXPERIMENTS);

        assertThat(response.statusCode()).isEqualTo(500);
        assertPage(response);
        Document page = page(response);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Something went wrong");
        assertThat(page.selectFirst("form.who .role").text()).as("still signed in").isEqualTo("admin");
    }

    @Test
    void an_address_the_console_does_not_have_is_a_404_page() {
        HttpResponse<String> response = ConsoleClient.admin(server).get("/admin/no-such-page");

        assertThat(response.statusCode()).isEqualTo(404);
        assertPage(response);
        assertThat(page(response).selectFirst("h1").text()).isEqualTo("No such page");
    }

    @Test
    void a_method_the_address_does_not_take_is_a_405_page_that_keeps_allow() {
        HttpResponse<String> response = new ConsoleClient(server).send(HttpRequest.newBuilder(server.getURI().resolve(Paths.SIGN_IN))
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertPage(response);
        assertThat(response.headers().firstValue("Allow").orElseThrow()).contains("GET").contains("POST");
        assertThat(page(response).selectFirst(".problem").text()).isEqualTo("This address does not take a DELETE request.");
    }

    @Test
    void the_console_s_own_pages_are_left_as_they_are() {
        HttpResponse<String> refused = new ConsoleClient(server).signIn(Map.of("token", "not-a-token"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(page(refused).selectFirst("#token-error")).as("the sign-in form, not a problem page").isNotNull();
    }

    private static void assertPage(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(response.headers().firstValue("Content-Security-Policy")).contains(ConsoleResponses.CONTENT_SECURITY_POLICY);
        assertThat(page(response).selectFirst("link[rel=stylesheet]").attr("href")).isEqualTo(Paths.STYLESHEET);
    }
}
