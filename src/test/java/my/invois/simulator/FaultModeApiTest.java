package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultModeApiTest extends SimulatorTest {

    @Test
    void an_error_rate_of_one_answers_503_and_a_storm_429() {
        String token = supplierToken();
        client.control("/simulator/faults", "{\"errorRate\":1}");
        assertThat(client.get(token, "/api/v1.0/documentsubmissions/X").status()).isEqualTo(503);
        client.control("/simulator/faults", "{\"errorRate\":0,\"tooManyRequests\":true}");
        SimulatorClient.Answer storm = client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN);
        assertThat(storm.status()).isEqualTo(429);
        assertThat(storm.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void a_seeded_error_rate_fails_the_same_calls_in_every_run() {
        String token = supplierToken();
        List<Integer> first = statuses(token, "{\"errorRate\":0.5,\"seed\":42}");
        List<Integer> second = statuses(token, "{\"errorRate\":0.5,\"seed\":42}");
        assertThat(first).isEqualTo(second).contains(503, 404);
    }

    @Test
    void accept_then_timeout_stores_the_documents_although_the_client_times_out() throws Exception {
        String token = supplierToken();
        client.control("/simulator/faults", "{\"acceptThenTimeoutRate\":1,\"hangMillis\":3000}");
        byte[] body = SimulatorClient.submission(List.of(SimulatorClient.entry(Samples.minified("1.0-Invoice-Sample.json"), "INV1")))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/v1.0/documentsubmissions"))
                .timeout(Duration.ofMillis(500)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        boolean timedOut;
        try {
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            timedOut = false;
        } catch (HttpTimeoutException e) {
            timedOut = true;
        }
        assertThat(timedOut).isTrue();
        assertThat(TestDatabaseRows.documents()).isEqualTo(1);
        client.control("/simulator/faults", "{\"acceptThenTimeoutRate\":0}");
        assertThat(client.submit(token, Samples.minified("1.0-Invoice-Sample.json")).status()).isEqualTo(422);
    }

    @Test
    void a_hang_rate_of_one_answers_only_after_the_hang() throws Exception {
        String token = supplierToken();
        client.control("/simulator/faults", "{\"hangRate\":1,\"hangMillis\":2000}");
        var request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/api/v1.0/documentsubmissions/X"))
                .timeout(Duration.ofMillis(300)).header("Authorization", "Bearer " + token).GET().build();
        boolean timedOut;
        try {
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            timedOut = false;
        } catch (HttpTimeoutException e) {
            timedOut = true;
        }
        assertThat(timedOut).isTrue();
    }

    @Test
    void bad_fault_settings_are_400_and_change_nothing() throws IOException {
        assertThat(client.control("/simulator/faults", "{\"errorRate\":2}").status()).isEqualTo(400);
        assertThat(client.control("/simulator/faults", "{\"hangMillis\":600000}").status()).isEqualTo(400);
        assertThat(client.control("/simulator/faults", "[]").status()).isEqualTo(400);
        assertThat(client.login(INTERMEDIARY, SECRET, Samples.SUPPLIER_TIN).status()).isEqualTo(200);
    }

    private static List<Integer> statuses(String token, String faults) {
        client.control("/simulator/faults", faults);
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 20; i++) {
            statuses.add(client.get(token, "/api/v1.0/documentsubmissions/NONE").status());
        }
        return statuses;
    }
}
