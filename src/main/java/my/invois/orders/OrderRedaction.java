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

    private final EInvoiceRepository einvoices;

    public OrderRedaction(EInvoiceRepository einvoices) {
        this.einvoices = einvoices;
    }

    /** The organization's orders of the customer (by Shopify customer id, email, or the ids given); their ids. */
    public List<Long> customerOrders(Handle handle, String organizationId, long customerId, String email, List<Long> orderIds) {
        return handle.createQuery("SELECT shopify_order_id FROM orders WHERE organization_id = :organizationId "
                        + "AND (shopify_order_id = ANY(:ids) OR body->'customer'->>'id' = :customerId "
                        + "OR (:email <> '' AND (lower(body->>'email') = lower(:email) OR lower(body->'customer'->>'email') = lower(:email)))) "
                        + "ORDER BY shopify_order_id")
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds)
                .bind("customerId", Long.toString(customerId)).bind("email", email)
                .mapTo(Long.class).list();
    }

    public List<Long> allOrders(Handle handle, String organizationId) {
        return handle.createQuery("SELECT shopify_order_id FROM orders WHERE organization_id = :organizationId ORDER BY shopify_order_id")
                .bind("organizationId", organizationId).mapTo(Long.class).list();
    }

    /** Erases the orders' personal fields; their draft e-invoices are cancelled and lose their buyer and document. */
    public void redact(Handle handle, String organizationId, List<Long> orderIds, Instant now) {
        handle.createUpdate("UPDATE orders SET body = body || (SELECT jsonb_object_agg(field, null) FROM unnest(:fields) AS field), "
                        + "updated_at = :now WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids)")
                .bindArray("fields", String.class, PERSONAL_FIELDS).bind("now", now)
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds).execute();
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
        return handle.createQuery("SELECT body::text FROM orders WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids) "
                        + "ORDER BY shopify_order_id")
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds).mapTo(String.class).list();
    }
}
