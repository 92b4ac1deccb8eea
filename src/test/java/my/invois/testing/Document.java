package my.invois.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The parsed OpenAPI document, with local {@code $ref}s followed on demand. */
record Document(JsonNode root, Schemas schemas) {

    /** The node itself, or what its {@code $ref} ("#/components/…") points at. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 16) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }

    /** Checks a value against a schema node, typing text (parameters, headers) as the schema says. */
    List<String> violations(JsonNode schema, String text, String where) {
        return schemas.violations(schema, Schemas.typed(text, resolve(schema)), where);
    }

    List<String> violations(JsonNode schema, JsonNode value, String where) {
        return schemas.violations(schema, value, where);
    }
}
