package my.invois.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import my.invois.lhdn.CodeTable;

/** A document as Get Submission, Get Document Details, Get Document and Search show it (reference §2.4). */
final class Summaries {

    private Summaries() {
    }

    static Map<String, Object> of(StoredDocument document) {
        DocumentFacts facts = document.facts();
        var summary = new LinkedHashMap<String, Object>();
        summary.put("uuid", document.uuid());
        summary.put("submissionUid", document.submissionUid());
        summary.put("longId", document.status().equals(StoredDocument.VALID) ? document.longId().orElse("") : "");
        summary.put("internalId", facts.internalId());
        summary.put("typeName", CodeTable.E_INVOICE_TYPES.description(facts.typeCode()).orElse(facts.typeCode()));
        summary.put("typeVersionName", "1.0".equals(facts.version()) ? "Version 1" : "Version " + facts.version());
        summary.put("issuerTin", facts.issuerTin());
        summary.put("issuerName", facts.issuerName());
        summary.put("receiverId", facts.receiverId());
        summary.put("receiverName", facts.receiverName());
        summary.put("dateTimeIssued", facts.issuedAt());
        summary.put("dateTimeReceived", time(document.receivedAt()));
        summary.put("dateTimeValidated", document.validatedAt().map(Summaries::time).orElse(null));
        summary.put("totalPayableAmount", facts.totalPayable());
        summary.put("totalExcludingTax", facts.totalExcludingTax());
        summary.put("totalDiscount", facts.totalDiscount());
        summary.put("totalNetAmount", facts.totalNetAmount());
        summary.put("status", document.status());
        summary.put("cancelDateTime", document.cancelledAt().map(Summaries::time).orElse(null));
        summary.put("rejectRequestDateTime", null);
        summary.put("documentStatusReason", document.cancelReason().orElse(null));
        summary.put("createdByUserId", document.clientId());
        return summary;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
