package my.invois.myinvois;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import my.invois.secrets.SecretBox;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import my.invois.testing.MutableClock;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The built-in simulator on a loopback port over the test PostgreSQL, in development mode,
 * validating at once, with the clock the test moves shared by the simulator and the client.
 * The product's LHDN tables and the simulator's are cleared before each test.
 */
abstract class MyInvoisTest {

    static final String CLIENT_ID = "invois-intermediary";
    static final String DEVELOPMENT_SECRET = "development-secret-for-tests";
    /** The samples' supplier: the token's taxpayer must be the documents' issuer. */
    static final String SUPPLIER_TIN = "Supplier's TIN";
    static final LhdnAccount ACCOUNT = LhdnAccount.intermediary(CLIENT_ID, DEVELOPMENT_SECRET, SUPPLIER_TIN);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(800);

    /** Minifies as the signer did: amounts keep their digits, or the samples' signatures break. */
    private static final ObjectMapper SAMPLES = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static MutableClock clock;
    static Simulator simulator;
    static SecretBox secrets = new SecretBox(new byte[SecretBox.KEY_BYTES]);

    @BeforeAll
    static void startSimulator() {
        clock = new MutableClock(Instant.parse("2026-11-02T03:00:05Z"));
        simulator = Simulator.start(SimulatorSettings.defaults().withValidationDelay(Duration.ZERO)
                .withDevelopmentSecret(DEVELOPMENT_SECRET), TestDatabase.get().pool(), clock);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @BeforeEach
    void clearTables() {
        TestDatabase.clear();
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "TRUNCATE myinvois_sim.documents, myinvois_sim.submissions, myinvois_sim.tokens, myinvois_sim.calls, myinvois_sim.taxpayers"));
        faults("{\"errorRate\":0,\"hangRate\":0,\"acceptThenTimeoutRate\":0,\"tooManyRequests\":false}");
    }

    /** One server's view of LHDN: each call builds what a server builds at start. */
    static MyInvois server() {
        return MyInvois.create(simulator.baseUrl(), CONNECT_TIMEOUT, REQUEST_TIMEOUT, TestDatabase.get().jdbi(), secrets, clock);
    }

    static void faults(String body) {
        send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The simulator's count of calls to {@code api} (its key, e.g. "login") this client made in all minutes. */
    static long simulatorCalls(String api) {
        JsonNode stats = LhdnJson.tree(send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/simulator/stats")).GET()))
                .orElseThrow();
        long calls = 0;
        for (JsonNode minute : stats.path("minutes")) {
            if (minute.path("clientId").asText().equals(CLIENT_ID) && minute.path("api").asText().equals(api)) {
                calls += minute.path("calls").asLong();
            }
        }
        return calls;
    }

    /** An official sample, minified as LHDN hashes it. */
    static SubmittedDocument sample(String name, String codeNumber) {
        try (InputStream in = MyInvoisTest.class.getResourceAsStream("/lhdn/samples/" + name)) {
            JsonNode tree = SAMPLES.readTree(in);
            return new SubmittedDocument(codeNumber, SAMPLES.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
