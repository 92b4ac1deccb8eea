package my.invois.einvoices.document;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.TreeSet;
import my.invois.shopify.OrderJson;
import my.invois.shopify.ShopifyOrderMapping;
import org.junit.jupiter.api.Test;

class DocumentShapeTest {

    static final Instant ISSUED = Instant.parse("2026-11-28T02:15:30Z");
    static final Supplier SUPPLIER = OrderJson.sstSupplier();
    static final Buyer BUYER = new Buyer("Siti Nur'aini binti Abdullah", "IG12345678090", "NRIC", "900101015555", "NA",
            new Address(List.of("No. 12, Jalan 3/4", "Taman Ria"), "Shah Alam", "40000", "10", "MYS"), "+60123456789",
            "siti@example.my");
    static final OriginalDocument ORIGINAL = new OriginalDocument("INV000123", "F9D425P6DS7D8IU3X9QS5BEJ10");

    static Sale sale() {
        return ShopifyOrderMapping.sale(anOrder(1071)
                .line("Baju Kurung 中文 / é", 2, "99.00", discounts("14.10"), "0.1", "18.39")
                .shipping("Poslaju", "22.00", discounts())
                .total("224.29").parsed(), SUPPLIER).sale().orElseThrow();
    }

    private static void sameShapeAs(JsonNode ours, String... samples) {
        var allowed = new TreeSet<String>();
        for (String sample : samples) {
            allowed.addAll(DocumentChecks.paths(DocumentChecks.sample(sample)));
        }
        assertThat(allowed).containsAll(DocumentChecks.paths(ours));
        assertThat(ours.fieldNames()).toIterable().containsExactly("_D", "_A", "_B", "Invoice");
        assertThat(ours.get("_D").asText()).isEqualTo(DocumentChecks.sample(samples[0]).get("_D").asText());
        DocumentChecks.hasMandatoryFields(ours);
    }

    @Test
    void an_invoice_has_the_key_structure_of_the_official_invoice_sample() {
        JsonNode invoice = Documents.invoice(new Issue("INV000123", ISSUED, "1.1"), SUPPLIER, BUYER, sale());
        sameShapeAs(invoice, "1.1-Invoice-Sample.json");
        assertThat(DocumentChecks.value(invoice.get("Invoice").get(0), "IssueDate")).isEqualTo("2026-11-28");
        assertThat(DocumentChecks.value(invoice.get("Invoice").get(0), "IssueTime")).isEqualTo("02:15:30Z");
        assertThat(invoice.at("/Invoice/0/InvoiceTypeCode/0/listVersionID").asText()).isEqualTo("1.1");
    }

    @Test
    void notes_have_the_key_structure_of_the_official_note_samples_and_reference_the_original() {
        JsonNode refund = Documents.refundNote(new Issue("RN000004", ISSUED, "1.1"), SUPPLIER, BUYER, sale(), ORIGINAL);
        JsonNode credit = Documents.creditNote(new Issue("CN000004", ISSUED, "1.0"), SUPPLIER, BUYER, sale(), ORIGINAL);
        sameShapeAs(refund, "1.1-Refund-Note-Sample.json");
        sameShapeAs(credit, "1.1-Credit-Note-Sample.json");
        assertThat(refund.at("/Invoice/0/InvoiceTypeCode/0/_").asText()).isEqualTo("04");
        assertThat(credit.at("/Invoice/0/InvoiceTypeCode/0/_").asText()).isEqualTo("02");
        assertThat(credit.at("/Invoice/0/InvoiceTypeCode/0/listVersionID").asText()).isEqualTo("1.0");
        assertThat(refund.at("/Invoice/0/BillingReference/0/InvoiceDocumentReference/0/ID/0/_").asText()).isEqualTo("INV000123");
        assertThat(refund.at("/Invoice/0/BillingReference/0/InvoiceDocumentReference/0/UUID/0/_").asText())
                .isEqualTo("F9D425P6DS7D8IU3X9QS5BEJ10");
        assertThat(refund.at("/Invoice/0/BillingReference/1/AdditionalDocumentReference/0/ID/0/_").asText()).isEqualTo("#1071");
    }

    @Test
    void a_consolidated_invoice_has_the_consolidated_sample_shape_and_the_general_public_buyer() {
        JsonNode document = Consolidation.documents(SUPPLIER, YearMonth.of(2026, 11), List.of(sale()), ISSUED, "1.1",
                i -> "CON202611A").get(0);
        sameShapeAs(document, "1.1-Invoice-Consolidated-Sample.json", "1.1-Invoice-Sample.json");
        JsonNode buyer = document.at("/Invoice/0/AccountingCustomerParty/0/Party/0");
        assertThat(buyer.at("/PartyLegalEntity/0/RegistrationName/0/_").asText()).isEqualTo("General Public");
        assertThat(buyer.at("/PartyIdentification/0/ID/0/_").asText()).isEqualTo("EI00000000010");
        assertThat(buyer.at("/PostalAddress/0/CountrySubentityCode/0/_").asText()).isEqualTo("17");
        assertThat(buyer.at("/Contact/0/Telephone/0/_").asText()).isEqualTo("NA");
        assertThat(document.at("/Invoice/0/InvoicePeriod/0/StartDate/0/_").asText()).isEqualTo("2026-11-01");
        assertThat(document.at("/Invoice/0/InvoicePeriod/0/EndDate/0/_").asText()).isEqualTo("2026-11-30");
        assertThat(document.at("/Invoice/0/InvoiceLine/0/Item/0/CommodityClassification/0/ItemClassificationCode/0/_").asText())
                .isEqualTo("004");
    }

    @Test
    void a_description_longer_than_300_is_cut_by_code_point() {
        String title = "中".repeat(299) + "😀😀";
        assertThat(DocumentTree.description(title)).isEqualTo("中".repeat(299) + "😀");
    }
}
