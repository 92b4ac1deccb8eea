package my.invois.einvoices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import my.invois.einvoices.document.Address;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.SaleLine;
import my.invois.einvoices.document.UblJson;

/**
 * The buyer and the lines of an e-invoice as stored and shown (E8). Amounts are strings with two
 * decimals ("100.00"), as Shopify writes them, so no client reads money as a float.
 */
public final class EInvoiceParts {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EInvoiceParts() {
    }

    public static ObjectNode buyer(Buyer buyer) {
        ObjectNode node = NODES.objectNode().put("name", buyer.name()).put("tin", buyer.tin())
                .put("registrationType", buyer.registrationType()).put("registrationNumber", buyer.registrationNumber())
                .put("sstNumber", buyer.sstNumber()).put("email", buyer.email().isEmpty() ? null : buyer.email())
                .put("phone", buyer.phone());
        ObjectNode address = node.putObject("address");
        buyer.address().lines().forEach(address.putArray("lines")::add);
        address.put("city", buyer.address().city())
                .put("postcode", buyer.address().postcode().isEmpty() ? null : buyer.address().postcode())
                .put("state", buyer.address().state()).put("country", buyer.address().country());
        return node;
    }

    public static ArrayNode lines(Sale sale) {
        ArrayNode lines = NODES.arrayNode();
        for (SaleLine line : sale.lines()) {
            lines.addObject().put("description", line.description())
                    .put("quantity", UblJson.minimal(line.quantity()).toPlainString())
                    .put("unitPrice", money(line.unitPrice()))
                    .put("excludingTax", money(line.lineExtensionAmount()))
                    .put("tax", money(line.taxAmount()));
        }
        return lines;
    }

    /** Never rounds: an amount of more decimals (none is expected) is shown as it is. */
    public static String money(BigDecimal amount) {
        return (amount.scale() <= 2 ? amount.setScale(2) : amount).toPlainString();
    }

    /** The buyer of a stored e-invoice, back as the builder's record (a note repeats its original's buyer). */
    public static Buyer buyerOf(JsonNode node) {
        JsonNode address = node.get("address");
        var lines = new ArrayList<String>();
        address.get("lines").forEach(line -> lines.add(line.asText()));
        return new Buyer(node.get("name").asText(), node.get("tin").asText(), node.get("registrationType").asText(),
                node.get("registrationNumber").asText(), node.get("sstNumber").asText(),
                new Address(lines, address.get("city").asText(),
                        address.path("postcode").isNull() ? "" : address.path("postcode").asText(),
                        address.get("state").asText(), address.get("country").asText()),
                node.get("phone").asText(), node.path("email").isNull() ? "" : node.path("email").asText());
    }
}
