package dev.abkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abkit server in a JVM of its own, started the way an operator starts it: its {@code main},
 * configured by the environment variables of SPEC section 4 only (none is inherited from the
 * test's environment, a free {@code AB_PORT} is set unless the test sets one), in a working directory of the test's
 * choosing, where its output goes to a {@code server-*.log} of each start. Runs on the test class path, so that it is
 * the code under test, not a jar built earlier.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HEALTH = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI uri;
    private final Path log;

    private ServerProcess(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** Starts the server and returns once its health check answers UP. */
    static ServerProcess start(Path workingDirectory, Map<String, String> environment) {
        return start(workingDirectory, environment, List.of());
    }

    /**
     * As {@link #start(Path, Map)}, but logging as the jar does, with its logback.xml rather than the
     * tests' logback-test.xml, which the test class path would otherwise give it.
     */
    static ServerProcess startWithShippedLogging(Path workingDirectory, Map<String, String> environment) {
        return start(workingDirectory, environment, List.of("-Dlogback.configurationFile=logback.xml"));
    }

    /** As {@link #start(Path, Map)}, with JVM options of the test's (a later {@code -Xmx} wins over the default 256 MiB). */
    static ServerProcess startWith(Path workingDirectory, Map<String, String> environment, List<String> jvmOptions) {
        return start(workingDirectory, environment, jvmOptions);
    }

    private static ServerProcess start(Path workingDirectory, Map<String, String> environment, List<String> jvmOptions) {
        int port = freePort();
        Path log = newLog(workingDirectory);
        ServerProcess server = new ServerProcess(launch(workingDirectory, port, environment, log, jvmOptions),
                URI.create("http://localhost:" + port), log);
        Eventually.within(Duration.ofSeconds(60), "the server in " + workingDirectory + " is up", server::isUp);
        return server;
    }

    /** What a start that must fail ended with: its exit status and everything it wrote. */
    record FailedStart(int exitStatus, String output) {
    }

    /**
     * Starts the server with a setting it must refuse ({@code environment} may also set {@code AB_PORT})
     * and waits for it to exit, at most {@code bound}.
     */
    static FailedStart failedStart(Path workingDirectory, Map<String, String> environment, Duration bound)
            throws InterruptedException {
        Path log = newLog(workingDirectory);
        Process process = launch(workingDirectory, freePort(), environment, log, List.of());
        try {
            assertThat(process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the server with %s exited within %s", environment, bound).isTrue();
        } finally {
            process.destroyForcibly();
        }
        return new FailedStart(process.exitValue(), read(log));
    }

    private static Process launch(Path workingDirectory, int port, Map<String, String> environment, Path log,
                                  List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Application.class.getName()));
        ProcessBuilder java = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        java.environment().keySet().removeIf(name -> name.startsWith("AB_"));
        java.environment().put("AB_PORT", Integer.toString(port));
        java.environment().putAll(environment);
        try {
            return java.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri() {
        return uri;
    }

    /** Everything the server wrote so far. */
    String log() {
        return read(log);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an operator stops it: the server finishes what is in flight and closes its database. */
    void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the server stopped within 30 s").isTrue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is closed, no rollback is sent. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private boolean isUp() {
        assertThat(process.isAlive()).as("the server process is running; its log:%n%s", log()).isTrue();
        try {
            HttpResponse<Void> health = HEALTH.send(
                    HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return health.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A log of its own for each start, also of a server restarted in the same directory. */
    private static Path newLog(Path directory) {
        try {
            return Files.createTempFile(directory, "server-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
