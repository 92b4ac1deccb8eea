package my.invois.deployment;

import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The real {@code my.invois.Main} in a JVM of its own, as an operator runs it: environment in, signals to stop. */
final class ServerProcess implements AutoCloseable {

    private static final Set<String> SETTINGS_OF_THIS_MACHINE = Set.of("PORT", "DATABASE_URL", "REDIS_URL");

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts on a free port with the given settings and waits until /health answers 200. */
    static ServerProcess start(Map<String, String> environment, Path log) throws Exception {
        int port = RestartablePostgres.freePort();
        var command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "my.invois.Main");
        command.environment().keySet().removeIf(name -> name.startsWith("INVOIS_") || SETTINGS_OF_THIS_MACHINE.contains(name));
        command.environment().putAll(environment);
        if (environment.containsKey("DATABASE_URL")) {
            // With DATABASE_URL an operator must give INVOIS_SECRET_KEY (E1), so a production-shaped child gets one.
            command.environment().putIfAbsent("INVOIS_SECRET_KEY", "c2VjcmV0LWtleS1vZi10aGUtdGVzdC1zZXJ2ZXJzMzI=");
        }
        command.environment().put("PORT", String.valueOf(port));
        // Files the server keeps (the test signing certificate, the embedded database) stay beside the log, never in the work tree.
        command.environment().putIfAbsent("INVOIS_DATA_DIR", log.resolveSibling(log.getFileName() + ".data").toString());
        var server = new ServerProcess(command.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log, port);
        server.awaitHealthy(Duration.ofSeconds(40));
        return server;
    }

    int port() {
        return port;
    }

    /** SIGTERM on Linux and macOS. */
    void terminate() {
        process.destroy();
    }

    /** The exit code, or empty if the process still runs after the deadline. */
    OptionalInt awaitExit(Duration deadline) throws InterruptedException {
        return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** Returns once a new connection is refused, the sign that the server has begun to stop. */
    void awaitRefusingConnections(Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            try (var probe = RawHttp.connect(port)) {
                Thread.sleep(5);
            } catch (SocketException e) {
                return; // refused, or reset: the listener closed while the probe sat in its backlog
            }
        }
        throw new AssertionError("still accepting connections " + deadline.toSeconds() + " s after SIGTERM\n" + output());
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private void awaitHealthy(Duration deadline) throws Exception {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(3)).build();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the server did not become healthy\n" + output());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
