package my.invois.orders;

import java.time.Instant;
import java.util.List;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceParts;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.document.Address;
import my.invois.einvoices.document.Buyer;
import org.jdbi.v3.core.Handle;

/**
 * E9: a customer's personal data erased from the stored orders and from the e-invoices never
 * submitted. An e-invoice beyond draft (queued, submitted, valid…) is an issued tax document: its
 * buyer, document and LHDN identifiers stay, as tax law requires.
 */
public final class OrderRedaction {

    /** What a Shopify order body holds about its customer: set to null. */
    public static final List<String> PERSONAL_FIELDS = List.of("email", "contact_email", "phone", "customer", "billing_address",
            "shipping_address", "note", "note_attributes", "browser_ip", "client_details");
    static final Buyer REDACTED = new Buyer("Redacted", "NA", "NRIC", "NA", "NA", new Address(List.of("NA"), "NA", "", "17", "MYS"),
            "NA", "");
    private static final String REASON = "the customer's personal data was erased (Shopify customers/redact or shop/redact)";

    private final OrderRepository orders = new OrderRepository();
    private final EInvoiceRepository einvoices;

    public OrderRedaction(EInvoiceRepository einvoices) {
        this.einvoices = einvoices;
    }

    /** The organization's orders of the customer (by Shopify customer id, email, or the ids given); their ids. */
    public List<Long> customerOrders(Handle handle, String organizationId, long customerId, String email, List<Long> orderIds) {
        return orders.customerOrders(handle, organizationId, customerId, email, orderIds);
    }

    public List<Long> allOrders(Handle handle, String organizationId) {
        return orders.orderIds(handle, organizationId);
    }

    /** Erases the orders' personal fields; their draft e-invoices are cancelled and lose their buyer and document. */
    public void redact(Handle handle, String organizationId, List<Long> orderIds, Instant now) {
        orders.eraseFields(handle, organizationId, orderIds, PERSONAL_FIELDS, now);
        for (long orderId : orderIds) {
            for (EInvoice einvoice : einvoices.ofOrder(handle, organizationId, orderId)) {
                if (!einvoice.consolidated() && (einvoice.status().equals(EInvoice.DRAFT) || einvoice.status().equals(EInvoice.CANCELLED)
                        && einvoice.submittedAt().isEmpty())) {
                    einvoices.cancelDraft(handle, einvoice.id(), now, REASON);
                    einvoices.eraseBuyer(handle, einvoice.id(), EInvoiceParts.buyer(REDACTED), now);
                }
            }
        }
    }

    /** E9 customers/data_request: what Invois holds about the customer's orders, for the merchant. */
    public List<String> bodies(Handle handle, String organizationId, List<Long> orderIds) {
        return orders.bodies(handle, organizationId, orderIds);
    }
}
