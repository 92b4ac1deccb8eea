package my.invois.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading LHDN's UBL JSON as LHDN does: numbers keep their exact text, and minified writing
 * reproduces the bytes a signer hashed (reference §1.9). The simulator's own code path, apart
 * from the product's serializer, so that each checks the other.
 */
final class Ubl {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Ubl() {
    }

    static Optional<JsonNode> parse(byte[] bytes) {
        try {
            return Optional.ofNullable(MAPPER.readTree(bytes)).filter(node -> !node.isMissingNode());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static byte[] minified(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree could not be written", e);
        }
    }

    /** The document's {@code Invoice[0]} object, or a missing node. */
    static JsonNode invoice(JsonNode document) {
        return document.path("Invoice").path(0);
    }

    /** The document without its signature blocks: what the v1.1 signature covers (reference §3.1). */
    static byte[] unsignedBytes(JsonNode document) {
        JsonNode copy = document.deepCopy();
        JsonNode invoice = invoice(copy);
        if (invoice instanceof ObjectNode object) {
            object.remove("UBLExtensions");
            object.remove("Signature");
        }
        return minified(copy);
    }

    /** Follows element names through first array items: {@code first(node, "A", "B")} is A[0].B[0]. */
    static JsonNode first(JsonNode node, String... names) {
        JsonNode current = node;
        for (String name : names) {
            current = current.path(name).path(0);
        }
        return current;
    }

    /** The value {@code "_"} of the element at the path, as text, when present and not blank. */
    static Optional<String> text(JsonNode node, String... names) {
        JsonNode value = first(node, names).path("_");
        return value.isValueNode() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    static List<JsonNode> all(JsonNode node, String name) {
        var result = new ArrayList<JsonNode>();
        node.path(name).forEach(result::add);
        return result;
    }

    /** The ID of the party's PartyIdentification whose schemeID is {@code scheme}. */
    static Optional<String> partyId(JsonNode party, String scheme) {
        for (JsonNode identification : all(party, "PartyIdentification")) {
            JsonNode id = identification.path("ID").path(0);
            if (scheme.equals(id.path("schemeID").asText())) {
                return text(identification, "ID");
            }
        }
        return Optional.empty();
    }

    static boolean selfBilled(String typeCode) {
        return typeCode != null && typeCode.startsWith("1");
    }

    /** The issuer's party: the supplier, or the buyer for self-billed documents (types 11–14). */
    static JsonNode issuerParty(JsonNode invoice, String typeCode) {
        String role = selfBilled(typeCode) ? "AccountingCustomerParty" : "AccountingSupplierParty";
        return first(invoice, role, "Party");
    }

    static JsonNode receiverParty(JsonNode invoice, String typeCode) {
        String role = selfBilled(typeCode) ? "AccountingSupplierParty" : "AccountingCustomerParty";
        return first(invoice, role, "Party");
    }
}
