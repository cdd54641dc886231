package dev.abkit.server;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request collection in {@code http/} stays true: each request, run in file order against a fresh server, gets
 * the status its file expects; and every route the server has is called by at least one request, so an endpoint
 * added without a request in the collection fails here.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestCollectionTest extends SystemTest {

    /**
     * Routes ("METHOD /template") deliberately left out of the collection, each with the reason. Static resources
     * (the OpenAPI document, Swagger UI) are no routes and need no entry; the collection has them anyway.
     */
    private static final Map<String, String> NOT_IN_COLLECTION = Map.of();

    @Inject
    Router router;

    @TestFactory
    Stream<DynamicTest> every_request_gets_the_status_its_file_expects() {
        return requests().stream().map(request -> DynamicTest.dynamicTest(request.toString(), () -> {
            HttpResponse<String> response = api.exchange(request.method(), request.target(),
                    request.body().isEmpty() ? null : request.body(), request.headerPairs());
            assertThat(response.statusCode()).as(request + " answered " + response.body()).isEqualTo(request.expectedStatus());
        }));
    }

    @Test
    void every_route_of_the_server_is_called_by_a_request_of_the_collection() {
        List<HttpFileRequest> requests = requests();
        List<UriRouteInfo<?, ?>> routes = router.uriRoutes().toList();
        assertThat(routes.stream().map(RequestCollectionTest::named))
                .as("the routes of the API and of the health endpoint, so that this test cannot pass on no routes")
                .contains("GET /api/v1/experiments", "POST /api/v1/admin/experiments", "GET /health");

        List<String> uncalled = routes.stream()
                .filter(route -> requests.stream().noneMatch(request -> calls(request, route)))
                .map(RequestCollectionTest::named)
                .filter(route -> !NOT_IN_COLLECTION.containsKey(route))
                .distinct()
                .toList();

        assertThat(uncalled).as("routes without a request in http/*.http (add one, or an exclusion with its reason)").isEmpty();
        assertThat(routes.stream().map(RequestCollectionTest::named).toList())
                .as("every exclusion names a route the server has").containsAll(NOT_IN_COLLECTION.keySet());
    }

    /**
     * VS Code lets a file's own variables win over its environments, so each file must run on its own variables: those
     * of the README's local server, the same as IntelliJ's environment "local".
     */
    @Test
    void every_file_defines_its_variables_with_the_values_of_the_readmes_local_server() throws IOException {
        Map<String, String> local = Map.of("host", "localhost", "port", "8080", "token", "dev-admin-token");
        for (HttpFile file : RequestCollection.files()) {
            assertThat(file.requestsIn(Map.of())).as(file.name()).isNotEmpty();
            assertThat(local).as(file.name()).containsAllEntriesOf(file.variables());
        }
        Map<String, Map<String, String>> environments = json.readValue(
                Files.readString(RequestCollection.FOLDER.resolve("http-client.env.json")),
                Argument.mapOf(Argument.STRING, Argument.mapOf(String.class, String.class)));
        assertThat(environments).containsExactly(Map.entry("local", local));
    }

    private List<HttpFileRequest> requests() {
        Map<String, String> environment = Map.of(
                "host", server.getHost(), "port", String.valueOf(server.getPort()), "token", Api.ADMIN_TOKEN);
        List<HttpFileRequest> requests = RequestCollection.files().stream().flatMap(file -> file.requestsIn(environment).stream()).toList();
        assertThat(requests).as("the requests of " + RequestCollection.FOLDER.toAbsolutePath()).isNotEmpty();
        return requests;
    }

    /** Micronaut adds a HEAD route for every GET route by itself; the GET request stands for both. */
    private static boolean calls(HttpFileRequest request, UriRouteInfo<?, ?> route) {
        String method = route.getHttpMethodName();
        boolean sameMethod = request.method().equals(method) || method.equals("HEAD") && request.method().equals("GET");
        return sameMethod && route.getUriMatchTemplate().match(request.path()).isPresent();
    }

    private static String named(UriRouteInfo<?, ?> route) {
        return route.getHttpMethodName() + " " + route.getUriMatchTemplate();
    }
}
