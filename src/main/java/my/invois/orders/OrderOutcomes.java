package my.invois.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import my.invois.db.Ids;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.Documents;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.myinvois.Outcomes;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrders;
import org.jdbi.v3.core.Handle;

/**
 * E5 after LHDN decides on an invoice: once Valid, its notes (of an individual invoice, or of a
 * consolidated one for refunds after the consolidation) get their documents referencing its UUID
 * and go to the queue; once Invalid, an individual invoice's order falls back into the month's
 * consolidation.
 */
public final class OrderOutcomes implements Outcomes {

    private final OrderRepository orders = new OrderRepository();
    private final EinvoiceSettingsService settings;
    private final EInvoiceRepository einvoices;
    private final IndividualEInvoices individual;
    private final Clock clock;

    public OrderOutcomes(EinvoiceSettingsService settings, Ids ids, DocumentSigning signing, Clock clock) {
        this.settings = settings;
        this.einvoices = new EInvoiceRepository(ids);
        this.individual = new IndividualEInvoices(einvoices, signing);
        this.clock = clock;
    }

    @Override
    public void valid(Handle handle, EInvoice original) {
        if (!original.type().equals(Documents.INVOICE)) {
            return;
        }
        List<EInvoice> notes = einvoices.notesAwaitingDocument(handle, original.id());
        if (notes.isEmpty()) {
            return;
        }
        var supplier = Suppliers.of(settings.settings(original.organizationId()).orElseThrow());
        // Each note covers the one order whose refund it is (a consolidated original covers hundreds).
        for (EInvoice note : notes) {
            note.orderIds().forEach(orderId -> noteDocument(handle, note, original, orderId, supplier));
        }
    }

    /** The note's document, from the refund of the order it was made for. */
    private void noteDocument(Handle handle, EInvoice note, EInvoice original, long orderId, Supplier supplier) {
        Optional<ShopifyOrder> shopify = ShopifyOrders.parse(orders.body(handle, original.organizationId(), orderId)).order();
        orders.refunds(handle, original.organizationId(), List.of(orderId)).getOrDefault(orderId, List.of()).stream()
                .filter(r -> r.einvoiceId().equals(Optional.of(note.id()))).findFirst()
                .flatMap(r -> shopify.flatMap(s -> s.refunds().stream().filter(x -> x.id() == r.refundId()).findFirst()))
                .ifPresent(refund -> individual.noteDocument(handle, note, original, shopify.get(), refund, supplier, now()));
    }

    @Override
    public void invalid(Handle handle, EInvoice einvoice, String reason) {
        if (einvoice.consolidated() || !einvoice.type().equals(Documents.INVOICE)) {
            return;
        }
        for (long orderId : einvoice.orderIds()) {
            orders.findForUpdate(handle, einvoice.organizationId(), orderId)
                    .filter(order -> order.status().equals(Classified.INDIVIDUAL))
                    .ifPresent(order -> orders.update(handle, order.classified(new Classified(Classified.CONSOLIDATING,
                            "individual e-invoice " + einvoice.number() + " " + reason + "; the order falls back into the consolidation"),
                            now())));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
