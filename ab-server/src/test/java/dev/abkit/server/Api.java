package dev.abkit.server;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** A real HTTP client for the embedded server (JDK client, HTTP/1.1), with JSON reading for assertions. */
final class Api {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String EXPERIMENTS = "/api/v1/experiments";
    static final String ADMIN = "/api/v1/admin/experiments";

    private final URI base;
    private final JsonMapper json;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Api(URI base, JsonMapper json) {
        this.base = base;
        this.json = json;
    }

    HttpResponse<String> get(String path, String... headers) {
        return sendChecked(request(path, headers).GET().build(), null);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return sendChecked(request(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(), body);
    }

    HttpResponse<String> method(String method, String path, String... headers) {
        return sendChecked(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build(), null);
    }

    /** The mobile endpoint for one device. */
    HttpResponse<String> device(String token) {
        return get(EXPERIMENTS, "Device-Token", token);
    }

    Map<String, String> experimentsOf(String token) {
        HttpResponse<String> response = device(token);
        if (response.statusCode() != 200) {
            throw new AssertionError("device " + token + " got " + response.statusCode() + ": " + response.body());
        }
        return flat(response.body());
    }

    /** Each device's answer, asked {@code clients} at a time as a crowd of app starts would; in the order of {@code tokens}. */
    Map<String, Map<String, String>> experimentsOfEach(List<String> tokens, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<CompletableFuture<Map<String, String>>> answers = new ArrayList<>();
            for (String token : tokens) {
                answers.add(CompletableFuture.supplyAsync(() -> experimentsOf(token), pool));
            }
            Map<String, Map<String, String>> byDevice = new LinkedHashMap<>();
            for (int i = 0; i < tokens.size(); i++) {
                byDevice.put(tokens.get(i), answers.get(i).join());
            }
            return byDevice;
        } finally {
            pool.shutdownNow();
        }
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return exchange(method, path, body, "Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");
    }

    /** Any method, with a body or none ({@code null}); the target a path, or a whole URL as a request file writes it. */
    HttpResponse<String> exchange(String method, String target, String body, String... headers) {
        return sendChecked(request(target, headers).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), body);
    }

    HttpResponse<String> createExperiment(String body) {
        return admin("POST", ADMIN, body);
    }

    /** A 503 problem with Retry-After: storage unavailable or the server too busy. */
    void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(object(response.body())).containsEntry("status", 503).containsKeys("type", "title", "detail");
    }

    Map<String, Object> object(String body) {
        return read(body, Argument.mapOf(String.class, Object.class));
    }

    List<Map<String, Object>> list(String body) {
        return read(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    /** The flat object of the mobile API, keys in the order of the JSON text. */
    Map<String, String> flat(String body) {
        return read(body, Argument.mapOf(String.class, String.class));
    }

    private <T> T read(String body, Argument<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Sends raw bytes, for what the JDK client refuses to send (non-ASCII header values). */
    String raw(byte[] request) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** The body as sent, undecoded: the JDK client leaves a Content-Encoding to the caller. */
    HttpResponse<byte[]> getBytes(String path, String... headers) {
        return send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends and checks the exchange against the OpenAPI document ({@link ContractValidator}). */
    private HttpResponse<String> sendChecked(HttpRequest request, String body) {
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        ContractValidator.check(request.method(), request.uri(), request.headers().map(), body, response);
        return response;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
