package dev.abkit.stats;

import dev.abkit.core.auth.Principal;
import dev.abkit.core.auth.Role;
import dev.abkit.core.auth.SignInCookie;
import dev.abkit.core.auth.TokenName;
import dev.abkit.core.port.in.ManageTokens;
import dev.abkit.core.port.in.NewToken;
import java.util.Optional;
import dev.abkit.core.AbKit;
import dev.abkit.core.port.in.ExperimentStatistics;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static dev.abkit.stats.InMemoryCoreFactory.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * ab-stats-web guards its own paths, with nothing else in front of it: without a token the
 * page and the JSON are a 401 problem with a Basic challenge, and the statistics are not even read;
 * with the admin token or a personal token of a role that may read statistics, as Bearer or as the HTTP
 * Basic password under any user name, both are served; another role's token gets a 403 problem.
 */
@MicronautTest
class StatsTokenFilterTest {

    static final List<String> GUARDED = List.of("/stats", "/api/v1/stats", "/stats/x", "/api/v1/stats/x");
    static final List<String> SERVED = List.of("/stats", "/api/v1/stats");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    ExperimentStatistics statistics;

    @Inject
    ManageTokens tokens;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void noReadsYet() {
        clearInvocations(statistics);
    }

    @Test
    void without_the_token_both_paths_and_all_below_them_are_a_401_problem_with_a_basic_challenge() {
        for (String path : GUARDED) {
            assertUnauthorized(path, get(path), "need a token");
        }

        verifyNoInteractions(statistics);
    }

    @Test
    void a_wrong_token_is_refused_in_either_scheme() {
        for (String path : SERVED) {
            for (String authorization : List.of("Bearer wrong", "Bearer " + ADMIN_TOKEN + "x", basic("analyst", "wrong"),
                    basic(ADMIN_TOKEN, "x"))) {
                assertUnauthorized(path + " " + authorization, get(path, authorization), "the token is not known");
            }
            assertUnauthorized(path + " Token", get(path, "Token " + ADMIN_TOKEN), "need a token");
        }

        verifyNoInteractions(statistics);
    }

    @Test
    void the_token_as_bearer_or_as_basic_password_under_any_user_name_opens_both() {
        for (String path : SERVED) {
            for (String authorization : List.of("Bearer " + ADMIN_TOKEN, basic("analyst", ADMIN_TOKEN), basic("", ADMIN_TOKEN))) {
                assertThat(get(path, authorization).statusCode()).as(path + " " + authorization).isEqualTo(200);
            }
        }

        verify(statistics, times(6)).report();
    }

    @Test
    void a_personal_token_opens_them_if_its_role_may_read_statistics_and_else_is_a_403_problem() {
        String analyst = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("ana"), Role.ANALYST, Optional.empty())).secret();
        String editor = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("eddie"), Role.EDITOR, Optional.empty())).secret();
        for (String path : SERVED) {
            assertThat(get(path, basic("ana", analyst)).statusCode()).as(path).isEqualTo(200);
            HttpResponse<String> refused = get(path, "Bearer " + editor);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = read(refused.body());
            assertThat(problem.get("type").getStringValue()).isEqualTo("urn:abkit:problem:forbidden");
            assertThat(problem.get("detail").getStringValue()).isEqualTo("this needs the permission read_statistics,"
                    + " which the roles admin, analyst have; the token \"eddie\" has the role editor");
        }
        verify(statistics, times(2)).report();
    }

    @Test
    void the_admin_console_s_sign_in_cookie_opens_the_pages_for_a_role_that_may_read_them() {
        String analyst = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("cookie_ana"), Role.ANALYST,
                Optional.empty())).secret();
        String editor = tokens.create(Principal.bootstrap(), new NewToken(TokenName.of("cookie_eddie"), Role.EDITOR,
                Optional.empty())).secret();

        assertThat(withCookie("/stats", SignInCookie.value(analyst)).statusCode()).isEqualTo(200);
        assertThat(withCookie("/stats", SignInCookie.value(ADMIN_TOKEN)).statusCode()).as("encoded bootstrap token")
                .isEqualTo(200);
        assertThat(withCookie("/stats", SignInCookie.value(editor)).statusCode()).isEqualTo(403);
        assertUnauthorized("unknown", withCookie("/stats", SignInCookie.value("abk_unknown")), "the token is not known");
        assertUnauthorized("signed out", withCookie("/stats", ""), "need a token");
        assertUnauthorized("the JSON API takes no cookie", withCookie("/api/v1/stats", SignInCookie.value(analyst)),
                "need a token");
        assertUnauthorized("the header goes first", send(HttpRequest.newBuilder(server.getURI().resolve("/stats"))
                .header("Cookie", SignInCookie.NAME + "=" + SignInCookie.value(analyst))
                .header("Authorization", "Bearer wrong")), "the token is not known");
        verify(statistics, times(2)).report();
    }

    private HttpResponse<String> withCookie(String path, String value) {
        return send(HttpRequest.newBuilder(server.getURI().resolve(path)).header("Cookie", SignInCookie.NAME + "=" + value));
    }

    @Test
    void paths_that_only_start_like_the_statistics_are_not_its_to_guard() {
        for (String path : List.of("/statistics", "/api/v1/statsx", "/api/v1/experiments", "/x/stats")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    private void assertUnauthorized(String what, HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(what).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as(what)
                .hasValue("Basic realm=\"abkit\", charset=\"UTF-8\"");
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        JsonNode problem = read(response.body());
        assertThat(problem.get("type").getStringValue()).isEqualTo("urn:abkit:problem:unauthorized");
        assertThat(problem.get("title").getStringValue()).isEqualTo("Unauthorized");
        assertThat(problem.get("status").getIntValue()).isEqualTo(401);
        assertThat(problem.get("detail").getStringValue()).as(what).contains(detail);
    }

    private JsonNode read(String body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String... authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(10));
        for (String value : authorization) {
            request.header("Authorization", value);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The real statistics of an in-memory core, watched: a refused request must not have read them. */
    @MockBean(ExperimentStatistics.class)
    ExperimentStatistics watchedStatistics() {
        return mock(ExperimentStatistics.class, delegatesTo(AbKit.inMemory().statistics()));
    }
}
