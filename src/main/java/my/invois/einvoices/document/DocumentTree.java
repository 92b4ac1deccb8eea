package my.invois.einvoices.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The unsigned document tree in the key order of LHDN's v1.1 samples; the signer adds its blocks. */
final class DocumentTree {

    static final int DESCRIPTION_LENGTH = 300;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String UNIT = "C62";

    private final ObjectNode invoice = Ubl.object();
    private final String currency;

    DocumentTree(Issue issue, String typeCode, String currency) {
        this.currency = currency;
        invoice.set("ID", Ubl.text(issue.number()));
        invoice.set("IssueDate", Ubl.text(DATE.format(issue.issuedAt())));
        invoice.set("IssueTime", Ubl.text(TIME.format(issue.issuedAt())));
        invoice.set("InvoiceTypeCode", Ubl.text(typeCode, "listVersionID", issue.version()));
        invoice.set("DocumentCurrencyCode", Ubl.text(currency));
        invoice.set("TaxCurrencyCode", Ubl.text(currency));
    }

    DocumentTree period(String start, String end, String description) {
        invoice.set("InvoicePeriod", Ubl.one(Ubl.object().<ObjectNode>set("StartDate", Ubl.text(start))
                .<ObjectNode>set("EndDate", Ubl.text(end)).set("Description", Ubl.text(description))));
        return this;
    }

    /** Separate BillingReference items for the original and the bill reference, as the samples have them. */
    DocumentTree references(OriginalDocument original, String billReference) {
        ArrayNode references = Ubl.one();
        if (original != null) {
            references.add(Ubl.object().set("InvoiceDocumentReference", Ubl.one(Ubl.object()
                    .<ObjectNode>set("ID", Ubl.text(original.internalId())).set("UUID", Ubl.text(original.uuid())))));
        }
        if (billReference != null) {
            references.add(Ubl.object().set("AdditionalDocumentReference",
                    Ubl.one(Ubl.object().set("ID", Ubl.text(billReference)))));
        }
        if (!references.isEmpty()) {
            invoice.set("BillingReference", references);
        }
        return this;
    }

    ObjectNode build(Supplier supplier, Buyer buyer, List<SaleLine> lines) {
        Totals totals = Totals.of(lines);
        invoice.set("AccountingSupplierParty", Parties.supplier(supplier));
        invoice.set("AccountingCustomerParty", Parties.buyer(buyer));
        invoice.set("TaxTotal", taxTotal(totals));
        invoice.set("LegalMonetaryTotal", monetaryTotal(totals));
        ArrayNode invoiceLines = Ubl.one();
        for (int i = 0; i < lines.size(); i++) {
            invoiceLines.add(line(i + 1, lines.get(i)));
        }
        invoice.set("InvoiceLine", invoiceLines);
        return Ubl.object()
                .put("_D", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2")
                .put("_A", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2")
                .put("_B", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2")
                .set("Invoice", Ubl.one(invoice));
    }

    private ArrayNode taxTotal(Totals totals) {
        ArrayNode subtotals = Ubl.one();
        totals.taxSubtotals().forEach(s -> subtotals.add(Ubl.object()
                .<ObjectNode>set("TaxableAmount", amount(s.taxableAmount()))
                .<ObjectNode>set("TaxAmount", amount(s.taxAmount()))
                .set("TaxCategory", category(s.taxType()))));
        return Ubl.one(Ubl.object().<ObjectNode>set("TaxAmount", amount(totals.taxAmount())).set("TaxSubtotal", subtotals));
    }

    private ArrayNode monetaryTotal(Totals totals) {
        return Ubl.one(Ubl.object()
                .<ObjectNode>set("LineExtensionAmount", amount(totals.lineExtensionAmount()))
                .<ObjectNode>set("TaxExclusiveAmount", amount(totals.taxExclusiveAmount()))
                .<ObjectNode>set("TaxInclusiveAmount", amount(totals.taxInclusiveAmount()))
                .set("PayableAmount", amount(totals.payableAmount())));
    }

    private ObjectNode line(int number, SaleLine line) {
        ObjectNode node = Ubl.object();
        node.set("ID", Ubl.text(Integer.toString(number)));
        node.set("InvoicedQuantity", Ubl.one(Ubl.object().put("_", UblJson.minimal(line.quantity())).put("unitCode", UNIT)));
        node.set("LineExtensionAmount", amount(line.lineExtensionAmount()));
        if (!line.allowances().isEmpty()) {
            ArrayNode allowances = Ubl.one();
            line.allowances().forEach(a -> allowances.add(allowance(a)));
            node.set("AllowanceCharge", allowances);
        }
        node.set("TaxTotal", lineTax(line));
        node.set("Item", Ubl.one(Ubl.object()
                .<ObjectNode>set("CommodityClassification", Ubl.one(Ubl.object()
                        .set("ItemClassificationCode", Ubl.text(line.classification(), "listID", "CLASS"))))
                .set("Description", Ubl.text(description(line.description())))));
        node.set("Price", Ubl.one(Ubl.object().set("PriceAmount", amount(line.unitPrice()))));
        node.set("ItemPriceExtension", Ubl.one(Ubl.object().set("Amount", amount(line.subtotal()))));
        return node;
    }

    private ObjectNode allowance(Allowance allowance) {
        return Ubl.object()
                .<ObjectNode>set("ChargeIndicator", Ubl.flag(allowance.isCharge()))
                .<ObjectNode>set("AllowanceChargeReason", Ubl.text(description(allowance.reason())))
                .set("Amount", amount(allowance.amount().abs()));
    }

    private ArrayNode lineTax(SaleLine line) {
        ArrayNode subtotals = Ubl.one();
        line.taxes().forEach(t -> subtotals.add(Ubl.object()
                .<ObjectNode>set("TaxableAmount", amount(t.taxable()))
                .<ObjectNode>set("TaxAmount", amount(t.amount()))
                .<ObjectNode>set("Percent", Ubl.number(t.percent()))
                .set("TaxCategory", category(t.taxType()))));
        return Ubl.one(Ubl.object().<ObjectNode>set("TaxAmount", amount(line.taxAmount())).set("TaxSubtotal", subtotals));
    }

    private static ArrayNode category(String taxType) {
        return Ubl.one(Ubl.object().<ObjectNode>set("ID", Ubl.text(taxType)).set("TaxScheme", Ubl.taxScheme()));
    }

    private ArrayNode amount(BigDecimal amount) {
        return Ubl.amount(amount, currency);
    }

    /** LHDN: descriptions ≤ 300; cut by code point so no character is split (docs/EINVOICING.md). */
    static String description(String text) {
        if (text.codePointCount(0, text.length()) <= DESCRIPTION_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, DESCRIPTION_LENGTH));
    }
}
