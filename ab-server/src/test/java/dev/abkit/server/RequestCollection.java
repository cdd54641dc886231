package dev.abkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The request collection of the repository: every {@code .http} file of its {@code http/} folder, by name. */
final class RequestCollection {

    /** Tests run in the module's folder (Maven's basedir), one below the repository's root. */
    static final Path FOLDER = Path.of("..", "http");

    private RequestCollection() {
    }

    static List<HttpFile> files() {
        try (Stream<Path> paths = Files.list(FOLDER)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".http")).sorted()
                    .map(RequestCollection::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the request collection in " + FOLDER.toAbsolutePath(), e);
        }
    }

    private static HttpFile read(Path path) {
        try {
            return HttpFile.parse(path.getFileName().toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
