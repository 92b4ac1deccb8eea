package my.invois.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI document (src/main/resources/openapi/openapi.json) as the tests' oracle: every
 * exchange that goes through {@link Api} must match it, so the document and the server cannot
 * drift apart. Responses are always checked; requests unless a test marked them deliberately bad.
 */
public final class Contract {

    static final String RESOURCE = "openapi/openapi.json";
    /** The document's description promises this header on every response, whatever its status. */
    private static final String REQUEST_ID = "X-Request-Id";

    /**
     * Responses no operation can list (a method a path lacks, a path the document lacks, a
     * request refused before routing) are described once, in components, under these names.
     */
    private static final Map<Integer, String> RESPONSES_BY_STATUS = Map.ofEntries(
            Map.entry(400, "BadRequest"), Map.entry(401, "Unauthorized"), Map.entry(404, "NotFound"),
            Map.entry(405, "MethodNotAllowed"), Map.entry(408, "RequestTimeout"), Map.entry(409, "Conflict"), Map.entry(413, "PayloadTooLarge"),
            Map.entry(414, "UriTooLong"), Map.entry(415, "UnsupportedMediaType"),
            Map.entry(429, "TooManyRequests"), Map.entry(431, "RequestHeaderFieldsTooLarge"),
            Map.entry(500, "InternalServerError"), Map.entry(501, "NotImplemented"), Map.entry(503, "ServiceUnavailable"));

    private final Document document;
    private final List<PathTemplate> paths;

    private Contract(Document document) {
        this.document = document;
        this.paths = document.root().path("paths").properties().stream()
                .map(entry -> new PathTemplate(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt(PathTemplate::variableCount))
                .toList();
    }

    public static Contract load() {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            return new Contract(new Document(root, new Schemas("classpath:" + RESOURCE, root)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every way the exchange departs from the document; empty when it matches. */
    public List<String> violations(Exchange exchange) {
        var problems = new ArrayList<String>();
        String path = withoutTrailingSlash(exchange.uri().getRawPath());
        Optional<PathTemplate> template = paths.stream().filter(candidate -> candidate.matches(path)).findFirst();
        Optional<JsonNode> operation = template.map(found -> found.item().get(exchange.method().toLowerCase(Locale.ROOT)));
        if (!exchange.deliberatelyBad()) {
            if (operation.isPresent()) {
                new RequestCheck(document, template.get(), operation.get(), exchange, problems).run();
            } else {
                problems.add("request: " + exchange.method() + " " + path + " is not an operation of the document");
            }
        }
        checkResponse(operation, exchange, problems);
        if (exchange.responseHeaders().firstValue(REQUEST_ID).isEmpty()) {
            problems.add("response: every response carries " + REQUEST_ID + ", this one does not");
        }
        return problems;
    }

    /**
     * The response the operation lists for the status, with its headers required as listed; or,
     * where no operation can list it (an unknown path or method, a request refused before
     * routing), the component for the status, whose headers are then checked only when sent:
     * such a refusal may come before authentication, so before the rate-limit headers exist.
     */
    private void checkResponse(Optional<JsonNode> operation, Exchange exchange, List<String> problems) {
        String status = String.valueOf(exchange.status());
        Optional<JsonNode> listed = operation.map(found -> found.path("responses").get(status));
        if (listed.isPresent()) {
            String name = operation.get().path("operationId").asText() + " " + status;
            new ResponseCheck(document, name, listed.get(), true, exchange, problems).run();
            return;
        }
        Optional<JsonNode> component = Optional.ofNullable(RESPONSES_BY_STATUS.get(exchange.status()))
                .filter(name -> operation.isEmpty() || exchange.deliberatelyBad())
                .map(name -> document.root().path("components").path("responses").get(name));
        component.ifPresentOrElse(
                response -> new ResponseCheck(document, "components " + status, response, false, exchange, problems).run(),
                () -> problems.add("response: status " + status + " is not documented for " + exchange));
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
