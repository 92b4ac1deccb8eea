package my.invois.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.document.Documents;
import my.invois.myinvois.Outcomes;
import org.jdbi.v3.core.Handle;

/** E5 after LHDN decides: an order whose individual invoice is Invalid falls back into its month's consolidation. */
public final class OrderOutcomes implements Outcomes {

    private final OrderRepository orders = new OrderRepository();
    private final Clock clock;

    public OrderOutcomes(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void valid(Handle handle, EInvoice einvoice) {
    }

    @Override
    public void invalid(Handle handle, EInvoice einvoice, String reason) {
        if (einvoice.consolidated() || !einvoice.type().equals(Documents.INVOICE)) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (long orderId : einvoice.orderIds()) {
            orders.findForUpdate(handle, einvoice.organizationId(), orderId)
                    .filter(order -> order.status().equals(Classified.INDIVIDUAL))
                    .ifPresent(order -> orders.update(handle, order.classified(new Classified(Classified.CONSOLIDATING,
                            "individual e-invoice " + einvoice.number() + " " + reason + "; the order falls back into the consolidation"),
                            now)));
        }
    }
}
