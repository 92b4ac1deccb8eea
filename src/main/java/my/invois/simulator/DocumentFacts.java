package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** What LHDN's summaries show of a document, read from a structurally valid one. */
record DocumentFacts(String internalId, String typeCode, String version, String issuerTin, String issuerName,
                     String receiverId, String receiverName, String issuedAt, BigDecimal totalExcludingTax,
                     BigDecimal totalDiscount, BigDecimal totalNetAmount, BigDecimal totalPayable, List<String> referencedUuids) {

    static DocumentFacts of(JsonNode document) {
        JsonNode invoice = Ubl.invoice(document);
        String type = Ubl.text(invoice, "InvoiceTypeCode").orElse(null);
        JsonNode issuer = Ubl.issuerParty(invoice, type);
        JsonNode receiver = Ubl.receiverParty(invoice, type);
        JsonNode totals = Ubl.first(invoice, "LegalMonetaryTotal");
        return new DocumentFacts(
                Ubl.text(invoice, "ID").orElse(null),
                type,
                Ubl.first(invoice, "InvoiceTypeCode").path("listVersionID").asText(null),
                Ubl.partyId(issuer, "TIN").orElse(null),
                Ubl.text(issuer, "PartyLegalEntity", "RegistrationName").orElse(null),
                Ubl.partyId(receiver, "TIN").orElse(null),
                Ubl.text(receiver, "PartyLegalEntity", "RegistrationName").orElse(null),
                Ubl.text(invoice, "IssueDate").orElse("") + "T" + Ubl.text(invoice, "IssueTime").orElse(""),
                amount(totals, "TaxExclusiveAmount"),
                amount(totals, "AllowanceTotalAmount"),
                amount(totals, "LineExtensionAmount"),
                amount(totals, "PayableAmount"),
                OriginalReference.of(invoice).stream().map(OriginalReference::uuid).filter(Objects::nonNull).toList());
    }

    private static BigDecimal amount(JsonNode totals, String name) {
        JsonNode value = Ubl.first(totals, name).path("_");
        return value.isNumber() ? value.decimalValue() : BigDecimal.ZERO;
    }
}
