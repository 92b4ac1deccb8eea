package my.invois.myinvois;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reading LHDN's answers leniently: LHDN's documents and its real answers spell keys differently
 * ({@code submissionUID}/{@code submissionUid}, {@code errorMS}/{@code errorMs}), so keys match
 * whatever their case and unknown keys are ignored.
 */
final class LhdnJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private LhdnJson() {
    }

    static Optional<JsonNode> tree(String body) {
        try {
            return Optional.ofNullable(MAPPER.readTree(body)).filter(node -> !node.isMissingNode());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The answer as {@code type}, empty when it is not JSON of that shape. */
    static <T> Optional<T> read(String body, Class<T> type) {
        try {
            return Optional.ofNullable(MAPPER.readValue(body, type));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The member named {@code name} in any case; missing when there is none. */
    static JsonNode field(JsonNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return MissingNode.getInstance();
    }
}
