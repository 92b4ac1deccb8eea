package my.invois.einvoices.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * The one serializer of every byte LHDN sees (reference §1.9): minified UTF-8, nothing escaped
 * but what JSON requires ({@code '}, {@code /} and non-ASCII stay raw), numbers written exactly
 * as the tree holds them, never in scientific notation. Reading keeps number text exact, so an
 * official sample read and written again is the same bytes. Minimal form ({@code 1460.5},
 * {@code 100}) is the builder's job, through {@link #minimal}.
 */
public final class UblJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private UblJson() {
    }

    public static byte[] write(JsonNode document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document tree could not be written", e);
        }
    }

    public static JsonNode read(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON document", e);
        }
    }

    /** The shortest exact text of a number: 1460.50 → 1460.5, 100.00 → 100, 1E+3 → 1000. */
    public static BigDecimal minimal(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A node factory whose numbers keep their exact text, for builders of document trees. */
    public static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }
}
