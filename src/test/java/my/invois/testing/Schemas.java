package my.invois.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema checks of the OpenAPI 3.1 dialect (JSON Schema 2020-12 plus OpenAPI's keywords),
 * with {@code format} asserted, for schemas anywhere in the document. Each schema is loaded by
 * its location in the document ({@code classpath:…#/components/schemas/User}), so that its
 * {@code $ref}s resolve against the document as the specification says.
 */
final class Schemas {

    private final String documentIri;
    private final Map<JsonNode, String> pointers = new IdentityHashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<JsonNode, Schema> compiled = Collections.synchronizedMap(new IdentityHashMap<>());

    Schemas(String documentIri, JsonNode document) {
        this.documentIri = documentIri;
        index(document, "");
    }

    /** Every way {@code value} breaks {@code schema} (a node of the document), each message prefixed by {@code where}. */
    List<String> violations(JsonNode schema, JsonNode value, String where) {
        Schema checker = compiled.computeIfAbsent(schema, node -> registry.getSchema(SchemaLocation.of(documentIri + "#" + pointerOf(node))));
        return checker.validate(value).stream()
                .map(error -> where + " at " + error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private String pointerOf(JsonNode node) {
        String pointer = pointers.get(node);
        if (pointer == null) {
            throw new IllegalArgumentException("not a node of the document: " + node);
        }
        return pointer;
    }

    private void index(JsonNode node, String pointer) {
        pointers.put(node, pointer);
        if (node.isObject()) {
            node.properties().forEach(entry -> index(entry.getValue(), pointer + "/" + fragment(entry.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                index(node.get(i), pointer + "/" + i);
            }
        }
    }

    /** A JSON pointer token, escaped for the pointer (~0, ~1) and then for a URI fragment. */
    private static String fragment(String token) {
        String escaped = token.replace("~", "~0").replace("/", "~1");
        var text = new StringBuilder();
        for (byte b : escaped.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@".indexOf(c) >= 0)) {
                text.append(c);
            } else {
                text.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return text.toString();
    }

    /** A parameter or header value as JSON, typed as its (resolved) schema says. */
    static JsonNode typed(String text, JsonNode resolvedSchema) {
        String type = resolvedSchema.path("type").asText("string");
        try {
            return switch (type) {
                case "integer" -> LongNode.valueOf(Long.parseLong(text));
                case "boolean" -> text.equals("true") || text.equals("false") ? BooleanNode.valueOf(Boolean.parseBoolean(text)) : TextNode.valueOf(text);
                default -> TextNode.valueOf(text);
            };
        } catch (NumberFormatException e) {
            return TextNode.valueOf(text);
        }
    }
}
