package my.invois.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The JSON settings of the whole API, and the parsing of request bodies. */
public final class Json {

    /** Deeper bodies are refused as malformed; no field of this API nests more than two levels. */
    static final int MAX_NESTING_DEPTH = 64;

    private Json() {
    }

    public static ObjectMapper mapper() {
        var mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(100)
                .build());
        return mapper;
    }

    /** SPEC A3: a body that is not valid JSON, or not a JSON object, is a 400 Bad Request. */
    public static ObjectNode parseObject(ObjectMapper mapper, byte[] body) {
        if (!isUtf8(body)) {
            throw ApiException.badRequest("The request body is not valid UTF-8");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("The request body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return object;
    }

    /**
     * The same acceptance as {@link #parseObject} without building the tree: the webhook intake
     * only needs to know, and a tree of a large order costs more than the rest of its request.
     */
    public static boolean isObject(ObjectMapper mapper, byte[] body) {
        if (!isUtf8(body)) {
            return false;
        }
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException malformed) {
            return false;
        }
    }

    /**
     * Jackson decodes some malformed UTF-8 instead of refusing it: the overlong C0 AF became a
     * '/'. The JDK's decoder refuses overlong forms, encoded surrogates and stray bytes.
     */
    static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
