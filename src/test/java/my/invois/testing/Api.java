package my.invois.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client of the running server, sending the test key unless told otherwise. Every exchange is
 * checked against the OpenAPI document ({@link Contract}); a test that sends a request the
 * contract forbids says so with {@link #deliberatelyBad()}, and then only the response is checked.
 */
public final class Api {

    public static final String PREFIX = "/api/integrations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Contract CONTRACT = Contract.load();

    private final String base;
    private final String key;
    private final boolean deliberatelyBad;

    Api(String base, String key) {
        this(base, key, false);
    }

    private Api(String base, String key, boolean deliberatelyBad) {
        this.base = base;
        this.key = key;
        this.deliberatelyBad = deliberatelyBad;
    }

    /** The same client for requests the contract forbids on purpose: their responses are still checked. */
    public Api deliberatelyBad() {
        return new Api(base, key, true);
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(json(body)));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(json(body)));
    }

    /** Any method, raw body, and exactly the headers given (no key unless among them). */
    public Response raw(String method, String path, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    public Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            var exchange = new Exchange(request.method(), request.uri(), request.headers(), SentBody.of(request),
                    response.statusCode(), response.headers(), response.body(), deliberatelyBad);
            List<String> violations = CONTRACT.violations(exchange);
            if (!violations.isEmpty()) {
                throw new AssertionError("The exchange " + exchange + " departs from the OpenAPI document:\n  "
                        + String.join("\n  ", violations) + "\nResponse body: " + abbreviated(response.body()));
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("X-Invois-Key", key);
    }

    private static String abbreviated(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "…";
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            String text = body instanceof String string ? string : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
