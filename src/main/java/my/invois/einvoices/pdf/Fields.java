package my.invois.einvoices.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/** Reading UBL JSON values by JSON pointer ("/ID/0/_"); a missing field is empty, never an error. */
final class Fields {

    private Fields() {
    }

    static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isValueNode() ? value.asText().strip() : "";
    }

    static Optional<BigDecimal> number(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        try {
            return value.isTextual() ? Optional.of(new BigDecimal(value.asText().strip())) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String money(JsonNode node, String pointer) {
        return number(node, pointer).map(Amounts::money).orElse("");
    }

    /** The identifier whose schemeID is the given one ("TIN", "BRN", "SST"), from PartyIdentification. */
    static Optional<JsonNode> withScheme(JsonNode identifications, String scheme) {
        for (JsonNode identification : identifications) {
            if (scheme.equals(text(identification, "/ID/0/schemeID"))) {
                return Optional.of(identification);
            }
        }
        return Optional.empty();
    }
}
