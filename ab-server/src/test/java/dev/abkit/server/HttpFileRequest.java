package dev.abkit.server;

import java.net.URI;
import java.util.List;
import java.util.stream.Stream;

/**
 * One request of a {@code .http} file as the IntelliJ HTTP client and VS Code's REST Client send it, its variables
 * as read or resolved ({@link #resolvedWith}), and the status the file expects of it ({@code # expect: 201} above the
 * request line).
 */
record HttpFileRequest(String source, String method, String target, List<Header> headers, String body, int expectedStatus) {

    record Header(String name, String value) {
    }

    HttpFileRequest {
        headers = List.copyOf(headers);
    }

    /** This request with every {@code {{variable}}} replaced, and credentials encoded as both clients do. */
    HttpFileRequest resolvedWith(Variables variables) {
        List<Header> resolved = headers.stream()
                .map(header -> new Header(header.name(), ClientAuthorization.asSent(header.name(), variables.resolve(header.value()))))
                .toList();
        return new HttpFileRequest(source, method, variables.resolve(target), resolved, variables.resolve(body), expectedStatus);
    }

    /** The path of the target, for matching the server's routes: no scheme, host, port or query. */
    String path() {
        return URI.create(target).getPath();
    }

    String[] headerPairs() {
        return headers.stream().flatMap(header -> Stream.of(header.name(), header.value())).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return source + ": " + method + " " + target;
    }
}
