package my.invois.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Checks a request against its operation: key, parameters and body. */
final class RequestCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Document document;
    private final PathTemplate template;
    private final JsonNode operation;
    private final Exchange exchange;
    private final List<String> problems;
    private final String name;

    RequestCheck(Document document, PathTemplate template, JsonNode operation, Exchange exchange, List<String> problems) {
        this.document = document;
        this.template = template;
        this.operation = operation;
        this.exchange = exchange;
        this.problems = problems;
        this.name = "request " + operation.path("operationId").asText();
    }

    void run() {
        checkKey();
        checkParameters();
        checkBody();
    }

    /** OpenAPI: the request must meet one of the requirements, each scheme of it. */
    private void checkKey() {
        JsonNode requirements = operation.has("security") ? operation.get("security") : document.root().path("security");
        var unmet = new ArrayList<String>();
        for (JsonNode requirement : requirements) {
            var missing = new ArrayList<String>();
            for (String scheme : (Iterable<String>) requirement::fieldNames) {
                missing(scheme).ifPresent(missing::add);
            }
            if (missing.isEmpty()) {
                return;
            }
            unmet.add(String.join(" and ", missing));
        }
        if (!unmet.isEmpty()) {
            problems.add(name + ": " + String.join(", or ", unmet));
        }
    }

    private Optional<String> missing(String scheme) {
        JsonNode definition = document.root().path("components").path("securitySchemes").path(scheme);
        boolean bearer = definition.path("type").asText().equals("http") && definition.path("scheme").asText().equals("bearer");
        boolean header = definition.path("type").asText().equals("apiKey") && definition.path("in").asText().equals("header");
        if (!bearer && !header) {
            throw new UnsupportedOperationException("security scheme " + scheme + " is not checked yet");
        }
        String headerName = bearer ? "Authorization" : definition.path("name").asText();
        List<String> values = exchange.requestHeaders().allValues(headerName);
        boolean sent = values.size() == 1 && !values.get(0).isEmpty()
                && (!bearer || values.get(0).regionMatches(true, 0, "Bearer ", 0, 7) && values.get(0).length() > 7);
        return sent ? Optional.empty() : Optional.of(headerName + (bearer ? ": Bearer <key>" : "") + " must be sent exactly once, not empty");
    }

    private void checkParameters() {
        String rawPath = exchange.uri().getRawPath();
        Map<String, String> pathValues = template.values(rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath);
        Map<String, List<String>> query = query(exchange.uri().getRawQuery());
        for (JsonNode parameter : parameters()) {
            String parameterName = parameter.path("name").asText();
            String where = name + " " + parameter.path("in").asText() + " parameter " + parameterName;
            List<String> values = switch (parameter.path("in").asText()) {
                case "path" -> Optional.ofNullable(pathValues.get(parameterName)).map(List::of).orElse(List.of());
                case "query" -> Optional.ofNullable(query.remove(parameterName)).orElse(List.of());
                case "header" -> exchange.requestHeaders().allValues(parameterName);
                default -> throw new UnsupportedOperationException(where + " is not checked yet");
            };
            if (values.isEmpty() && parameter.path("required").asBoolean()) {
                problems.add(where + " is required");
            } else if (values.size() > 1) {
                problems.add(where + " is given " + values.size() + " times");
            } else if (values.size() == 1) {
                problems.addAll(document.violations(parameter.path("schema"), values.get(0), where));
            }
        }
        query.keySet().forEach(unknown -> problems.add(name + ": query parameter " + unknown + " is not in the document"));
    }

    /** The path item's parameters, overridden by the operation's own (same name and place). */
    private List<JsonNode> parameters() {
        var byKey = new LinkedHashMap<String, JsonNode>();
        for (JsonNode level : List.of(template.item().path("parameters"), operation.path("parameters"))) {
            for (JsonNode parameter : level) {
                JsonNode resolved = document.resolve(parameter);
                byKey.put(resolved.path("in").asText() + ":" + resolved.path("name").asText(), resolved);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    private void checkBody() {
        JsonNode requestBody = document.resolve(operation.get("requestBody"));
        Optional<byte[]> body = exchange.requestBody();
        if (requestBody == null) {
            body.ifPresent(bytes -> problems.add(name + ": a body is sent where the document describes none"));
            return;
        }
        if (body.isEmpty()) {
            if (requestBody.path("required").asBoolean()) {
                problems.add(name + ": the body is required");
            }
            return;
        }
        String mediaType = exchange.requestHeaders().firstValue("Content-Type")
                .map(type -> type.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("(none)");
        JsonNode media = requestBody.path("content").get(mediaType);
        if (media == null) {
            problems.add(name + ": Content-Type " + mediaType + " is not documented");
            return;
        }
        try {
            JsonNode json = JSON.readTree(body.get());
            problems.addAll(document.violations(media.path("schema"), json, name + " body"));
        } catch (IOException e) {
            problems.add(name + ": the body is not JSON");
        }
    }

    private static Map<String, List<String>> query(String rawQuery) {
        var values = new LinkedHashMap<String, List<String>>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(key, ignored -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
