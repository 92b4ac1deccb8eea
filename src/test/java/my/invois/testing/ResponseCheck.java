package my.invois.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks a response against the response object the document gives for its status. */
final class ResponseCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Document document;
    private final String name;
    private final JsonNode response;
    private final boolean headersRequiredAsListed;
    private final Exchange exchange;
    private final List<String> problems;

    ResponseCheck(Document document, String name, JsonNode response, boolean headersRequiredAsListed, Exchange exchange, List<String> problems) {
        this.document = document;
        this.name = "response " + name;
        this.response = document.resolve(response);
        this.headersRequiredAsListed = headersRequiredAsListed;
        this.exchange = exchange;
        this.problems = problems;
    }

    void run() {
        checkHeaders();
        checkBody();
    }

    private void checkHeaders() {
        for (Map.Entry<String, JsonNode> entry : response.path("headers").properties()) {
            JsonNode header = document.resolve(entry.getValue());
            List<String> values = exchange.responseHeaders().allValues(entry.getKey());
            if (values.isEmpty() && headersRequiredAsListed && header.path("required").asBoolean()) {
                problems.add(name + ": header " + entry.getKey() + " is missing");
            }
            for (String value : values) {
                problems.addAll(document.violations(header.path("schema"), value, name + " header " + entry.getKey()));
            }
        }
    }

    private void checkBody() {
        JsonNode content = response.get("content");
        String body = exchange.responseBody();
        if (content == null) {
            if (!body.isEmpty()) {
                problems.add(name + ": a body is sent where the document describes none");
            }
            return;
        }
        String mediaType = exchange.responseHeaders().firstValue("Content-Type")
                .map(type -> type.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("(none)");
        JsonNode media = content.get(mediaType);
        if (media == null) {
            problems.add(name + ": Content-Type " + mediaType + " is not one of " + List.copyOf(content.properties()).stream().map(Map.Entry::getKey).toList());
            return;
        }
        if (!mediaType.endsWith("json")) {
            return;
        }
        try {
            problems.addAll(document.violations(media.path("schema"), JSON.readTree(body), name + " body"));
        } catch (IOException e) {
            problems.add(name + ": the body is not JSON: " + body);
        }
    }
}
