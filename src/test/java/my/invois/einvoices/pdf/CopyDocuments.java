package my.invois.einvoices.pdf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import my.invois.einvoices.document.UblJson;

/** Documents to render: LHDN's official v1.1 samples, and variations of one of them. */
final class CopyDocuments {

    static final List<String> SAMPLES = List.of(
            "1.1-Invoice-Sample.json", "1.1-Invoice-Consolidated-Sample.json", "1.1-Invoice-ForeignCurrency-Sample.json",
            "1.1-Invoice-MultiLineItem-Sample.json", "1.1-Credit-Note-Sample.json", "1.1-Debit-Note-Sample.json",
            "1.1-Refund-Note-Sample.json", "1.1-Self-Billed-Invoice-Sample.json", "1.1-Self-Billed-Credit-Sample.json",
            "1.1-Self-Billed-Debit-Sample.json", "1.1-Self-Billed-Refund-Sample.json");

    static final LhdnIdentity VALID = new LhdnIdentity("F9D425P6DS7D8IU", "IS7EJ2M5XF5D0XRBVQ9JWHKMK3MCRQ",
            "https://preprod.myinvois.hasil.gov.my/F9D425P6DS7D8IU/share/IS7EJ2M5XF5D0XRBVQ9JWHKMK3MCRQ",
            Instant.parse("2024-07-23T01:02:03Z"));

    private CopyDocuments() {
    }

    static ObjectNode sample(String name) {
        try (InputStream in = CopyDocuments.class.getResourceAsStream("/lhdn/samples/" + name)) {
            return (ObjectNode) UblJson.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode invoice(ObjectNode document) {
        return (ObjectNode) document.get("Invoice").get(0);
    }

    /** The invoice sample with {@code count} lines, each described "Item n" with a description long enough to wrap now and then. */
    static ObjectNode withLines(int count) {
        ObjectNode document = sample("1.1-Invoice-Sample.json");
        ArrayNode lines = (ArrayNode) invoice(document).get("InvoiceLine");
        ObjectNode template = (ObjectNode) lines.get(0);
        lines.removeAll();
        for (int n = 1; n <= count; n++) {
            ObjectNode line = template.deepCopy();
            ((ObjectNode) line.at("/ID/0")).put("_", String.valueOf(n));
            String description = "Item " + n + (n % 7 == 0 ? " with a description long enough to take two lines of the table" : "");
            ((ObjectNode) line.at("/Item/0/Description/0")).put("_", description);
            lines.add(line);
        }
        return document;
    }

    static ObjectNode withSupplierName(ObjectNode document, String name) {
        ((ObjectNode) invoice(document).at("/AccountingSupplierParty/0/Party/0/PartyLegalEntity/0/RegistrationName/0"))
                .put("_", name);
        return document;
    }

    static byte[] bytes(ObjectNode document) {
        return UblJson.write(document);
    }
}
