package my.invois.orders;

import java.time.Instant;
import java.util.Optional;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceParts;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.EInvoiceTotals;
import my.invois.einvoices.NewEInvoice;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoices.document.Documents;
import my.invois.einvoices.document.Issue;
import my.invois.einvoices.document.OriginalDocument;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;
import org.jdbi.v3.core.Handle;

/** E5: an order's individual invoice (01) for its buyer, and the notes its refunds give; stored as drafts. */
final class IndividualEInvoices {

    static final String INVOICES = "INV";
    static final String CREDIT_NOTES = "CN";
    static final String REFUND_NOTES = "RN";

    /** What became of one refund: its note, if any, and the outcome shown with the order. */
    record RefundOutcome(Optional<String> einvoiceId, String outcome) {
    }

    private final EInvoiceRepository einvoices;
    private final DocumentSigning signing;

    IndividualEInvoices(EInvoiceRepository einvoices, DocumentSigning signing) {
        this.einvoices = einvoices;
        this.signing = signing;
    }

    /** Built, signed (version 1.1) and stored with its exact bytes; issued now. */
    String invoice(Handle handle, Order order, Sale sale, Supplier supplier, Buyer buyer, Instant now) {
        String number = einvoices.allocateNumber(handle, order.organizationId(), INVOICES);
        var tree = Documents.invoice(new Issue(number, now, signing.version().listVersionID()), supplier, buyer, sale);
        byte[] document = signing.sign(tree, now);
        return einvoices.create(handle, new NewEInvoice(order.organizationId(), number, Documents.INVOICE, false, Optional.empty(),
                order.month(), EInvoiceParts.buyer(buyer), sale.currency(), EInvoiceTotals.of(sale.totals()),
                EInvoiceParts.lines(sale), Optional.of(document), Optional.of(now), order.shopifyOrderId(),
                "individual e-invoice requested by the buyer"), now);
    }

    /** E5: a note's document once its original is Valid: the original's ID and UUID in BillingReference, signed, stored. */
    void noteDocument(Handle handle, EInvoice note, EInvoice original, ShopifyOrder shopify, ShopifyOrder.Refund refund,
            Supplier supplier, Instant now) {
        ShopifyOrderMapping.refund(shopify, refund, supplier).sale()
                .ifPresent(sale -> noteDocument(handle, note, original, sale, supplier, now));
    }

    private void noteDocument(Handle handle, EInvoice note, EInvoice original, Sale sale, Supplier supplier, Instant now) {
        var issue = new Issue(note.number(), now, signing.version().listVersionID());
        var reference = new OriginalDocument(original.number(), original.uuid().orElseThrow());
        Buyer buyer = EInvoiceParts.buyerOf(original.buyer());
        var tree = note.type().equals(Documents.REFUND_NOTE)
                ? Documents.refundNote(issue, supplier, buyer, sale, reference)
                : Documents.creditNote(issue, supplier, buyer, sale, reference);
        einvoices.noteDocument(handle, note.id(), signing.sign(tree, now), now, "document built: references "
                + original.number() + " (LHDN UUID " + original.uuid().get() + "), now Valid");
    }

    /**
     * E5: an order cancelled after LHDN's 72 hours with no money returned: a credit note (02) of the
     * whole sale corrects its Valid invoice, built and signed at once (the original has its UUID).
     */
    Optional<String> cancellationCredit(Handle handle, Order order, EInvoice original, ShopifyOrder shopify, Supplier supplier,
            Instant now) {
        Optional<Sale> sale = ShopifyOrderMapping.sale(shopify, supplier).sale();
        if (sale.isEmpty()) {
            return Optional.empty();
        }
        String number = einvoices.allocateNumber(handle, order.organizationId(), CREDIT_NOTES);
        String id = einvoices.create(handle, new NewEInvoice(order.organizationId(), number, Documents.CREDIT_NOTE, false,
                Optional.of(original.id()), order.month(), original.buyer(), sale.get().currency(),
                EInvoiceTotals.of(sale.get().totals()), EInvoiceParts.lines(sale.get()), Optional.empty(), Optional.empty(),
                order.shopifyOrderId(), "credit note " + number + ": the order was cancelled in Shopify past LHDN's 72 hours"), now);
        einvoices.find(handle, order.organizationId(), id)
                .ifPresent(note -> noteDocument(handle, note, original, sale.get(), supplier, now));
        return Optional.of(number);
    }

    /**
     * A refund of an order with an individual invoice, or in a consolidated one: a refund note (04)
     * when money was returned, else a credit note (02), referencing the original with its buyer. Its document needs the original's LHDN UUID,
     * so while the original is a draft the note is stored as a draft with its totals and no document.
     */
    RefundOutcome note(Handle handle, Order order, EInvoice original, ShopifyOrder shopify, ShopifyOrder.Refund refund,
            Supplier supplier, Instant now) {
        ShopifyOrderMapping.Mapped mapped = ShopifyOrderMapping.refund(shopify, refund, supplier);
        if (mapped.sale().isEmpty()) {
            return new RefundOutcome(Optional.empty(), ShopifyOrderMapping.NOTHING_TO_CREDIT.equals(mapped.failure())
                    ? mapped.failure() : "failed: " + mapped.failure());
        }
        boolean moneyReturned = ShopifyOrderMapping.moneyReturned(refund).signum() > 0;
        String type = moneyReturned ? Documents.REFUND_NOTE : Documents.CREDIT_NOTE;
        String number = einvoices.allocateNumber(handle, order.organizationId(), moneyReturned ? REFUND_NOTES : CREDIT_NOTES);
        Sale sale = mapped.sale().get();
        String what = (moneyReturned ? "refund note " : "credit note ") + number;
        String id = einvoices.create(handle, new NewEInvoice(order.organizationId(), number, type, false, Optional.of(original.id()),
                order.month(), original.buyer(), sale.currency(), EInvoiceTotals.of(sale.totals()), EInvoiceParts.lines(sale),
                Optional.empty(), Optional.empty(), order.shopifyOrderId(),
                what + " for Shopify refund " + refund.id() + " of " + original.number()
                        + ": its document is built once the original has its LHDN UUID"), now);
        if (original.status().equals(EInvoice.VALID) && original.uuid().isPresent()) {
            // The original has its LHDN UUID already (the usual case: a refund days after the sale), so
            // the note's document is built now; waiting for the original to become Valid would wait forever.
            einvoices.find(handle, order.organizationId(), id)
                    .ifPresent(note -> noteDocument(handle, note, original, shopify, refund, supplier, now));
        }
        return new RefundOutcome(Optional.of(id), what + " (draft, referencing " + original.number() + ")");
    }
}
