package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ConcurrentModificationException;
import java.util.List;
import my.invois.testing.LogCapture;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class BudgetApiTest extends SimulatorTest {

    @Test
    void the_thirteenth_login_in_a_minute_is_429_with_retry_after_until_the_next_minute() {
        for (int i = 0; i < 12; i++) {
            assertThat(client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN).status()).isEqualTo(200);
        }
        SimulatorClient.Answer refused = client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("TooManyRequests");
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        clock.advance(Duration.ofSeconds(30));
        assertThat(client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN).status()).isEqualTo(200);
    }

    @Test
    void the_budget_is_per_client_id_and_per_api() {
        String token = supplierToken();
        for (int i = 0; i < 12; i++) {
            client.get(token, "/api/v1.0/documents/search?submissionDateFrom=2026-11-01T00:00:00Z&submissionDateTo=2026-11-03T00:00:00Z");
        }
        assertThat(client.get(token, "/api/v1.0/documents/search?submissionDateFrom=2026-11-01T00:00:00Z&submissionDateTo=2026-11-03T00:00:00Z")
                .status()).isEqualTo(429);
        assertThat(client.get(token, "/api/v1.0/documentsubmissions/NONE").status()).isEqualTo(404);
        String other = client.token("another-client", DEVELOPMENT_SECRET, Samples.SUPPLIER_TIN);
        assertThat(client.get(other, "/api/v1.0/documents/search?submissionDateFrom=2026-11-01T00:00:00Z&submissionDateTo=2026-11-03T00:00:00Z")
                .status()).isEqualTo(200);
    }

    @Test
    void each_ended_minute_is_logged_and_counted_per_client_and_api() {
        try (LogCapture log = LogCapture.of(CallLog.class)) {
            for (int i = 0; i < 13; i++) {
                client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN);
            }
            JsonNode minutes = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.baseUrl() + "/simulator/stats")))
                    .json().path("minutes");
            assertThat(minutes).hasSize(1);
            assertThat(minutes.path(0).path("calls").asInt()).isEqualTo(13);
            assertThat(minutes.path(0).path("refused").asInt()).isEqualTo(1);
            assertThat(minutes.path(0).path("budget").asInt()).isEqualTo(12);
            Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            clock.advance(Duration.ofMinutes(1));
            assertThat(loggedLines(log)).containsExactly("MyInvois calls in minute " + minute + ": client "
                    + INTERMEDIARY + " api login calls 13 budget 12 refused 1");
        }
    }

    /**
     * This client's lines once the minute is marked logged (another simulator of the test JVM may log
     * its own minutes meanwhile); a read racing the appender is tried again.
     */
    private static List<String> loggedLines(LogCapture log) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (TestDatabase.count("SELECT count(*) FROM myinvois_sim.calls WHERE logged") > 0) {
                try {
                    List<String> lines = log.lines(Level.INFO).stream().filter(line -> line.contains("client " + INTERMEDIARY + " ")).toList();
                    if (!lines.isEmpty()) {
                        return lines;
                    }
                } catch (ConcurrentModificationException e) {
                    // the appender was adding the line: read again
                }
            }
            Thread.onSpinWait();
        }
        return List.of();
    }
}
