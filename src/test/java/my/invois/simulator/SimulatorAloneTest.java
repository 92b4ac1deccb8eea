package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code invois simulator --port N --data-dir D} in a child JVM, on an embedded PostgreSQL of its own. */
class SimulatorAloneTest {

    @TempDir
    Path dataDir;

    @Test
    void the_simulator_sub_command_serves_lhdn_alone_and_validates_a_sample() throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("simulator.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "my.invois.Main", "simulator", "--port", String.valueOf(port),
                "--data-dir=" + dataDir, "--validation-delay-ms", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            var client = new SimulatorClient("http://127.0.0.1:" + port);
            String token = awaitToken(client, process, log);
            SimulatorClient.Answer submitted = client.submit(token, Samples.minified("1.0-Invoice-Sample.json"));
            assertThat(submitted.status()).isEqualTo(202);
            String uid = submitted.json().path("submissionUid").asText();
            Instant deadline = Instant.now().plusSeconds(20);
            String status = "";
            while (!List.of("Valid", "Invalid").contains(status) && Instant.now().isBefore(deadline)) {
                // Polls are paced, as LHDN asks, to stay far below Get Submission's 300 a minute.
                TimeUnit.MILLISECONDS.sleep(250);
                status = client.get(token, "/api/v1.0/documentsubmissions/" + uid).json().path("overallStatus").asText();
            }
            assertThat(status).isEqualTo("Valid");
            assertThat(dataDir.resolve("postgres")).isDirectory();
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String awaitToken(SimulatorClient client, Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                SimulatorClient.Answer answer = client.login("standalone", SimulatorMain.DEFAULT_SECRET, Samples.SUPPLIER_TIN);
                if (answer.status() == 200) {
                    return answer.json().path("access_token").asText();
                }
            } catch (java.io.UncheckedIOException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    throw e;
                }
                // not serving yet
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the simulator did not start: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
