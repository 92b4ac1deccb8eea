package my.invois.einvoices.document;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The individual documents of E4 and E5 as unsigned trees: an invoice (01) for a buyer, and the
 * notes that correct one, which reference the original's internal number and UUID. A note's sale
 * holds what is credited; a refund note's payable is the money returned.
 */
public final class Documents {

    public static final String INVOICE = "01";
    public static final String CREDIT_NOTE = "02";
    public static final String REFUND_NOTE = "04";

    private Documents() {
    }

    public static ObjectNode invoice(Issue issue, Supplier supplier, Buyer buyer, Sale sale) {
        return new DocumentTree(issue, INVOICE, sale.currency())
                .references(null, sale.orderName())
                .build(supplier, buyer, sale.lines());
    }

    public static ObjectNode creditNote(Issue issue, Supplier supplier, Buyer buyer, Sale sale, OriginalDocument original) {
        return note(CREDIT_NOTE, issue, supplier, buyer, sale, original);
    }

    public static ObjectNode refundNote(Issue issue, Supplier supplier, Buyer buyer, Sale sale, OriginalDocument original) {
        return note(REFUND_NOTE, issue, supplier, buyer, sale, original);
    }

    private static ObjectNode note(String type, Issue issue, Supplier supplier, Buyer buyer, Sale sale,
            OriginalDocument original) {
        return new DocumentTree(issue, type, sale.currency())
                .references(original, sale.orderName())
                .build(supplier, buyer, sale.lines());
    }
}
