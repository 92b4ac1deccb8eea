package my.invois.shopify;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The shopify_webhook_deliveries table: every state change of a delivery is here. Every method
 * runs on the caller's handle; a job claims, works and settles in one transaction, so a job that
 * dies leaves its deliveries claimable again.
 */
public final class WebhookDeliveries {

    static final String ORGANIZATION_CONSTRAINT = "shopify_webhook_deliveries_organization_fkey";
    private static final String COLUMNS = "id, webhook_id, event_id, topic, shop_domain, triggered_at, api_version, body, "
            + "received_at, organization_id, state, reason, processed_at";
    private static final RowMapper<WebhookDelivery> DELIVERY = (row, context) -> new WebhookDelivery(
            row.getString("id"),
            row.getString("webhook_id"),
            Columns.optionalText(row, "event_id"),
            row.getString("topic"),
            row.getString("shop_domain"),
            Columns.optionalInstant(row, "triggered_at"),
            Columns.optionalText(row, "api_version"),
            row.getBytes("body"),
            Columns.instant(row, "received_at"),
            Columns.optionalText(row, "organization_id"),
            DeliveryState.of(row.getString("state")),
            Columns.optionalText(row, "reason"),
            Columns.optionalInstant(row, "processed_at"));

    /**
     * Stores a delivery unless one with its webhook id is stored already; true when stored now.
     * One statement in autocommit, with the linked shop's organization looked up inside it (the
     * delivery's own organizationId is not read): Shopify waits on this for every delivery.
     */
    boolean insert(Handle handle, WebhookDelivery delivery) {
        return handle.createUpdate("INSERT INTO shopify_webhook_deliveries (" + COLUMNS + ") SELECT :id, :webhookId, :eventId, "
                        + ":topic, :shopDomain, :triggeredAt, :apiVersion, :body, :receivedAt, "
                        + "(SELECT s.organization_id FROM shops s WHERE s.shop_domain = :shopDomain), :state, :reason, "
                        + ":processedAt ON CONFLICT (webhook_id) DO NOTHING")
                .bindMethods(delivery)
                .bind("state", delivery.state().column())
                .execute() == 1;
    }

    /**
     * Up to {@code limit} waiting deliveries of linked shops, oldest first, locked until the
     * caller's transaction ends; deliveries another job holds are skipped. A delivery that
     * arrived before its shop was linked gets the shop's organization now.
     */
    public List<WebhookDelivery> claimNext(Handle handle, int limit) {
        return claimNext(handle, WebhookTopics.handled(), limit);
    }

    /** The same, of these topics only: each job claims the topics it works. */
    List<WebhookDelivery> claimNext(Handle handle, Set<String> topics, int limit) {
        return handle.createQuery("WITH next AS ("
                        + "SELECT d.id, s.organization_id FROM shopify_webhook_deliveries d "
                        + "JOIN shops s ON s.shop_domain = d.shop_domain "
                        + "WHERE d.state = 'received' AND d.topic = ANY(:topics) ORDER BY d.received_at, d.id LIMIT :limit FOR UPDATE OF d SKIP LOCKED) "
                        + "UPDATE shopify_webhook_deliveries d SET organization_id = next.organization_id FROM next "
                        + "WHERE d.id = next.id RETURNING " + Columns.qualified("d", COLUMNS))
                .bind("limit", limit)
                .bindArray("topics", String.class, List.copyOf(topics))
                .map(DELIVERY)
                .list()
                .stream()
                .sorted(Comparator.comparing(WebhookDelivery::receivedAt).thenComparing(WebhookDelivery::id))
                .toList();
    }

    /** E9: every delivery of the shop, whatever its state, locked for a redaction. */
    List<WebhookDelivery> ofShopForUpdate(Handle handle, String shopDomain) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM shopify_webhook_deliveries WHERE shop_domain = :domain "
                        + "ORDER BY received_at, id FOR UPDATE")
                .bind("domain", shopDomain)
                .map(DELIVERY)
                .list();
    }

    /** E9: the body with the personal data erased; it is no longer the bytes Shopify signed. */
    void replaceBody(Handle handle, String id, byte[] body) {
        handle.createUpdate("UPDATE shopify_webhook_deliveries SET body = :body WHERE id = :id")
                .bind("id", id).bind("body", body).execute();
    }

    /** E9: deliveries of shops never linked are kept 30 days. How many were purged. */
    int purgeNeverLinked(Handle handle, Instant before) {
        return handle.createUpdate("DELETE FROM shopify_webhook_deliveries d WHERE d.received_at < :before "
                        + "AND d.organization_id IS NULL AND NOT EXISTS (SELECT 1 FROM shops s WHERE s.shop_domain = d.shop_domain)")
                .bind("before", before).execute();
    }

    /** The delivery's work is done. False when it was not waiting. */
    public boolean markProcessed(Handle handle, String id, Instant at) {
        return settle(handle, id, DeliveryState.PROCESSED, Optional.empty(), at);
    }

    /** Nothing to do for it (a test order, an app uninstalled, a stale update), and why. */
    public boolean markIgnored(Handle handle, String id, String reason, Instant at) {
        return settle(handle, id, DeliveryState.IGNORED, Optional.of(reason), at);
    }

    /** It can never be processed (retrying would fail the same way), and why. */
    public boolean markFailed(Handle handle, String id, String reason, Instant at) {
        return settle(handle, id, DeliveryState.FAILED, Optional.of(reason), at);
    }

    private static boolean settle(Handle handle, String id, DeliveryState state, Optional<String> reason, Instant at) {
        return handle.createUpdate("UPDATE shopify_webhook_deliveries SET state = :state, reason = :reason, processed_at = :at "
                        + "WHERE id = :id AND state = 'received'")
                .bind("id", id)
                .bind("state", state.column())
                .bind("reason", reason.orElse(null))
                .bind("at", at)
                .execute() == 1;
    }
}
