package my.invois.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real Main in a child JVM, configured by environment variables as an operator would, its
 * output captured in a file; killed with SIGKILL or stopped with SIGTERM.
 */
public final class ChildServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ChildServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ChildServer start(Map<String, String> environment, Path log) {
        int port = environment.containsKey("PORT") ? Integer.parseInt(environment.get("PORT")) : freePort();
        var command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "my.invois.Main");
        command.environment().keySet().removeIf(name -> name.startsWith("INVOIS_") || name.equals("DATABASE_URL") || name.equals("PORT"));
        command.environment().putAll(environment);
        if (environment.containsKey("DATABASE_URL")) {
            // With DATABASE_URL an operator must give INVOIS_SECRET_KEY (E1), so a production-shaped child gets one.
            command.environment().putIfAbsent("INVOIS_SECRET_KEY", "c2VjcmV0LWtleS1vZi10aGUtdGVzdC1zZXJ2ZXJzMzI=");
        }
        command.environment().put("PORT", String.valueOf(port));
        // Files the server keeps (the test signing certificate, the embedded database) stay beside the log, never in the work tree.
        command.environment().putIfAbsent("INVOIS_DATA_DIR", log.resolveSibling(log.getFileName() + ".data").toString());
        command.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            var child = new ChildServer(command.start(), port, log);
            child.awaitServing(Duration.ofSeconds(90));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Api api(String key) {
        return new Api("http://127.0.0.1:" + port, key);
    }

    /** kill -9: no shutdown hook, no draining, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an orchestrator stops it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitServing(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (api("").raw("GET", "/health", null, Map.of()).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not serve within " + patience + ":\n" + output());
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
