package my.invois.einvoices.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/** The UBL JSON wrapping (reference §1.1): every element an array, the value in "_", attributes beside it. */
final class Ubl {

    private Ubl() {
    }

    static ObjectNode object() {
        return UblJson.nodes().objectNode();
    }

    /** [{"_":text, name1:value1, …}] */
    static ArrayNode text(String text, String... attributes) {
        ObjectNode value = object().put("_", text);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            value.put(attributes[i], attributes[i + 1]);
        }
        return one(value);
    }

    static ArrayNode number(BigDecimal number) {
        return one(object().put("_", UblJson.minimal(number)));
    }

    static ArrayNode amount(BigDecimal amount, String currency) {
        return one(object().put("_", UblJson.minimal(amount)).put("currencyID", currency));
    }

    static ArrayNode flag(boolean flag) {
        return one(object().put("_", flag));
    }

    /** An aggregate element: [{…}, …] without "_". */
    static ArrayNode one(ObjectNode... items) {
        ArrayNode array = UblJson.nodes().arrayNode();
        for (ObjectNode item : items) {
            array.add(item);
        }
        return array;
    }

    static ArrayNode taxScheme() {
        return one(object().set("ID", text("OTH", "schemeID", "UN/ECE 5153", "schemeAgencyID", "6")));
    }
}
