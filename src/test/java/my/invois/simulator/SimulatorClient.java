package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import my.invois.testing.TestDatabase;

/** A test's HTTP client of the simulator, in LHDN's words. */
final class SimulatorClient {

    record Answer(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SimulatorClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer login(String clientId, String secret, String onBehalfOf) {
        String form = "client_id=" + encode(clientId) + "&client_secret=" + encode(secret)
                + "&grant_type=client_credentials&scope=InvoicingAPI";
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (onBehalfOf != null) {
            request.header("onbehalfof", onBehalfOf);
        }
        return send(request);
    }

    String token(String clientId, String secret, String onBehalfOf) {
        Answer answer = login(clientId, secret, onBehalfOf);
        if (answer.status() != 200) {
            throw new AssertionError("login refused: " + answer.text());
        }
        return answer.json().path("access_token").asText();
    }

    static String entry(byte[] document, String codeNumber) {
        return "{\"format\":\"JSON\",\"document\":\"" + Base64.getEncoder().encodeToString(document) + "\",\"documentHash\":\""
                + Hashes.hex(document) + "\",\"codeNumber\":\"" + codeNumber + "\"}";
    }

    static String submission(List<String> entries) {
        return "{\"documents\":[" + String.join(",", entries) + "]}";
    }

    Answer submit(String token, byte[]... documents) {
        List<String> entries = java.util.stream.IntStream.range(0, documents.length)
                .mapToObj(i -> entry(documents[i], "DOC" + i)).collect(Collectors.toList());
        return post(token, "/api/v1.0/documentsubmissions", submission(entries));
    }

    Answer post(String token, String path, String body) {
        return send(authorized(token, path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String token, String path, String body) {
        return send(authorized(token, path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer get(String token, String path) {
        return send(authorized(token, path).GET());
    }

    Answer control(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Waits (at most 10 s) until no document of the submission is Submitted, watching the table
     * rather than calling Get Submission, whose budget the frozen test clock would exhaust.
     */
    JsonNode awaitValidated(String token, String submissionUid) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (TestDatabase.count("SELECT count(*) FROM myinvois_sim.documents WHERE status = 'Submitted' AND submission_uid = '"
                + submissionUid + "'") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("submission " + submissionUid + " is still being validated");
            }
            Thread.onSpinWait();
        }
        return get(token, "/api/v1.0/documentsubmissions/" + submissionUid).json();
    }

    private HttpRequest.Builder authorized(String token, String path) {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = Ubl.parse(response.body().getBytes(StandardCharsets.UTF_8)).orElse(null);
            return new Answer(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
