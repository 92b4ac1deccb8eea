package my.invois.consolidation;

import java.util.List;
import my.invois.einvoices.EInvoiceParts;
import my.invois.http.Timestamps;

/** The JSON of E7's runs and months. */
final class ConsolidationJson {

    record Run(String month, List<Created> created, List<String> heldOrderIds) {
    }

    record Created(String id, String number, String currency, int orders, String payable) {
    }

    record Month(String month, List<Document> documents) {
    }

    record Document(String id, String number, String currency, String status, int orders, String payable, String createdAt) {
    }

    private ConsolidationJson() {
    }

    static Run of(ConsolidationService.Ran ran) {
        return new Run(ran.month(), ran.documents().stream().map(d -> new Created(d.id(), d.number(), d.currency(), d.orders(),
                EInvoiceParts.money(d.payable()))).toList(), ran.held().stream().map(String::valueOf).toList());
    }

    static Month of(ConsolidationRepository.Month month) {
        return new Month(month.month(), month.documents().stream().map(d -> new Document(d.id(), d.number(), d.currency(), d.status(),
                d.orders(), EInvoiceParts.money(d.payable()), Timestamps.format(d.createdAt()))).toList());
    }
}
