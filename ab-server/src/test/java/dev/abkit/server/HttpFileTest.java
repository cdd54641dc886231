package dev.abkit.server;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a {@code .http} file the way the IntelliJ HTTP client and VS Code's REST Client read it. */
class HttpFileTest {

    private static final String FILE = """
            # a comment
            @host = localhost
            @port = 8080

            ### Create
            // another comment
            # expect: 201
            POST http://{{host}}:{{port}}/things HTTP/1.1
            Content-Type: application/json
            Authorization: Basic me {{token}}

            {"name":
              "thing"}

            ###
            # expect: 404
            GET http://{{host}}:{{port}}/things/none
            """;

    @Test
    void reads_each_request_with_its_headers_body_and_expected_status() {
        List<HttpFileRequest> requests = HttpFile.parse("things.http", FILE).requestsIn(Map.of("token", "secret"));

        assertThat(requests).hasSize(2);
        HttpFileRequest create = requests.get(0);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.target()).isEqualTo("http://localhost:8080/things");
        assertThat(create.path()).isEqualTo("/things");
        assertThat(create.headers()).containsExactly(
                new HttpFileRequest.Header("Content-Type", "application/json"),
                new HttpFileRequest.Header("Authorization", "Basic bWU6c2VjcmV0"));
        assertThat(create.body()).isEqualTo("{\"name\":\n  \"thing\"}");
        assertThat(create.expectedStatus()).isEqualTo(201);
        assertThat(create.source()).isEqualTo("things.http:8");

        assertThat(requests.get(1).method()).isEqualTo("GET");
        assertThat(requests.get(1).headers()).isEmpty();
        assertThat(requests.get(1).body()).isEmpty();
        assertThat(requests.get(1).expectedStatus()).isEqualTo(404);
    }

    @Test
    void the_environment_wins_over_the_files_own_variables() {
        List<HttpFileRequest> requests = HttpFile.parse("things.http", FILE).requestsIn(Map.of("port", "9999", "token", "t"));

        assertThat(requests.get(1).target()).isEqualTo("http://localhost:9999/things/none");
    }

    @Test
    void a_request_without_an_expected_status_is_refused() {
        assertThatThrownBy(() -> HttpFile.parse("bad.http", "###\nGET http://example.org/\n"))
                .hasMessageContaining("bad.http:2").hasMessageContaining("# expect:");
    }

    @Test
    void an_undefined_variable_is_refused_rather_than_sent() {
        HttpFile file = HttpFile.parse("bad.http", "# expect: 200\nGET http://{{nowhere}}/\n");

        assertThatThrownBy(() -> file.requestsIn(Map.of())).hasMessageContaining("{{nowhere}}");
        HttpFile dynamic = HttpFile.parse("bad.http", "# expect: 200\nGET http://localhost/\nDevice-Token: {{$randomInt 1 9}}\n");
        assertThatThrownBy(() -> dynamic.requestsIn(Map.of())).hasMessageContaining("{{$randomInt 1 9}}");
    }
}
