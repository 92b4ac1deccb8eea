package my.invois.einvoices;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import my.invois.http.Timestamps;

/** E8's shape of an e-invoice. */
public record EInvoiceJson(String id, String number, String type, boolean consolidated, String status, List<String> orderIds,
        String originalId, JsonNode buyer, String currency, Totals totals, JsonNode lines, Lhdn lhdn, String issuedAt,
        String submittedAt, String validatedAt, String cancelledAt, String createdAt, String updatedAt) {

    record Totals(String excludingTax, String tax, String includingTax, String payable) {
    }

    /** validationUrl: null until LHDN has validated the document and given it a long ID. */
    record Lhdn(String submissionUid, String uuid, String longId, String validationUrl, JsonNode errors) {
    }

    public static EInvoiceJson of(EInvoice e, ValidationLinks links) {
        EInvoiceTotals t = e.totals();
        return new EInvoiceJson(e.id(), e.number(), e.type(), e.consolidated(), e.status(),
                e.orderIds().stream().map(String::valueOf).toList(), e.originalId().orElse(null), e.buyer(), e.currency(),
                new Totals(EInvoiceParts.money(t.excludingTax()), EInvoiceParts.money(t.tax()), EInvoiceParts.money(t.includingTax()),
                        EInvoiceParts.money(t.payable())),
                e.lines(), new Lhdn(e.submissionUid().orElse(null), e.uuid().orElse(null), e.longId().orElse(null),
                        links.of(e).orElse(null), e.errors()),
                time(e.issuedAt()), time(e.submittedAt()), time(e.validatedAt()), time(e.cancelledAt()),
                Timestamps.format(e.createdAt()), Timestamps.format(e.updatedAt()));
    }


    private static String time(Optional<Instant> instant) {
        return instant.map(Timestamps::format).orElse(null);
    }
}
