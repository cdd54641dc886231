package dev.abkit.server;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.abkit.server.openapi.OpenApiDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Holds every exchange of the end-to-end tests against the OpenAPI document the server serves, so
 * the document cannot drift from the server:
 * <ul>
 * <li>a request the document allows gets a response the document describes, status, headers and body;</li>
 * <li>a request the document does not allow (the tests send many on purpose) gets a 4xx the document
 *     describes for that operation: the server refuses what the document forbids;</li>
 * <li>a path the document does not have is a 404 problem, a method it does not have a 405 problem
 *     (401 first on the paths that need the admin token).</li>
 * </ul>
 */
final class ContractValidator {

    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createForInlineApiSpecification(document())
                    // allOf is merged into one schema; else each part alone would refuse the members of the others
                    .withResolveCombinators(true)
                    .build();

    /** Paths whose filters answer 401 before routing, also for paths and methods that do not exist. */
    private static final List<String> GUARDED = List.of("/api/v1/admin", "/api/v1/stats", "/stats", "/metrics");

    private static final AtomicInteger CHECKED = new AtomicInteger();

    static {
        // How much traffic the document was held to, for whoever wonders (surefire drops late console output).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(Path.of("target", "contract-exchanges.txt"), CHECKED.get() + " exchanges checked\n");
            } catch (IOException ignored) {
                // only a report
            }
        }));
    }

    private ContractValidator() {
    }

    static void check(String method, URI uri, Map<String, List<String>> requestHeaders, String requestBody,
                      HttpResponse<String> response) {
        if (method.equals("HEAD") || method.equals("OPTIONS") || uri.getPath().startsWith("/swagger-ui/")
                || isConsole(uri.getPath())) {
            // not part of the API: HEAD mirrors GET without a body, Swagger UI is static files, the console's pages
            // are for a browser (decision 20; their own tests check them)
            return;
        }
        CHECKED.incrementAndGet();
        Request request = request(method, uri, requestHeaders, requestBody);
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode())
                .withBody(response.body());
        response.headers().map().forEach(answer::withHeader);

        ValidationReport report = VALIDATOR.validate(request, answer.build());
        String exchange = method + " " + uri.getPath() + " -> " + response.statusCode() + " " + response.body();
        if (has(report, "validation.request.path.missing")) {
            expectStatus(exchange, uri, response, 404);
            return;
        }
        if (has(report, "validation.request.operation.notAllowed")) {
            expectStatus(exchange, uri, response, 405);
            return;
        }
        List<ValidationReport.Message> requestFaults = messages(report, "validation.request");
        List<ValidationReport.Message> responseFaults = messages(report, "validation.response");
        if (!responseFaults.isEmpty()) {
            throw new AssertionError("the response breaks the OpenAPI document: " + exchange + "\n" + text(responseFaults));
        }
        int status = response.statusCode();
        if (!requestFaults.isEmpty() && (status < 400 || status >= 500)) {
            throw new AssertionError("the server accepted a request the OpenAPI document forbids: " + exchange
                    + "\n" + text(requestFaults));
        }
    }

    private static Request request(String method, URI uri, Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath());
        headers.forEach(request::withHeader);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return request.build();
    }

    /** A path or method the document does not have: the expected problem, or 401 where a guard answers first. */
    private static void expectStatus(String exchange, URI uri, HttpResponse<String> response, int expected) {
        int status = response.statusCode();
        boolean guarded = GUARDED.stream().anyMatch(uri.getPath()::startsWith);
        boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (!problem || !(status == expected || (guarded && status == 401))) {
            throw new AssertionError("outside the OpenAPI document, expected a " + expected + " problem: " + exchange);
        }
    }

    private static boolean isConsole(String path) {
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    private static boolean has(ValidationReport report, String key) {
        return report.getMessages().stream().anyMatch(message -> message.getKey().equals(key));
    }

    private static List<ValidationReport.Message> messages(ValidationReport report, String prefix) {
        return report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> message.getKey().startsWith(prefix))
                .toList();
    }

    private static String text(List<ValidationReport.Message> messages) {
        return messages.stream().map(m -> "  " + m.getKey() + ": " + m.getMessage() + " " + m.getAdditionalInfo())
                .collect(Collectors.joining("\n"));
    }

    private static String document() {
        try (InputStream in = ContractValidator.class.getClassLoader().getResourceAsStream(OpenApiDocument.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
