package my.invois.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The orders and order_refunds tables. Every method runs on the caller's handle. */
final class OrderRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Orders read at a time, with their bodies, when a month is consolidated. */
    private static final int CHUNK = 500;
    private static final String COLUMNS = "organization_id, shopify_order_id, name, order_number, processed_at, month, currency, "
            + "test, payable, status, status_reason, cancelled_at, created_at, updated_at";
    private static final String FILTER = " WHERE organization_id = :organizationId"
            + " AND (CAST(:status AS text) IS NULL OR status = :status)"
            + " AND (CAST(:month AS text) IS NULL OR month = :month)";

    /**
     * Holds the organization against deletion while the order is written (a delete takes the
     * organization's row first, then its orders: the same order as here). KEY SHARE, so orders of
     * one organization do not wait for each other.
     */
    boolean lockOrganization(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id FOR KEY SHARE")
                .bind("id", organizationId).mapTo(Integer.class).findOne().isPresent();
    }

    boolean organizationExists(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id")
                .bind("id", organizationId).mapTo(Integer.class).findOne().isPresent();
    }

    /** False when the order is already stored: the primary key decides, concurrent duplicates included. */
    boolean insert(Handle handle, Order order, JsonNode body) {
        return handle.createUpdate("INSERT INTO orders (" + COLUMNS + ", body) VALUES (:organizationId, :shopifyOrderId, :name, "
                        + ":orderNumber, :processedAt, :month, :currency, :test, :payable, :status, :reason, :cancelledAt, "
                        + ":createdAt, :updatedAt, CAST(:body AS jsonb)) ON CONFLICT (organization_id, shopify_order_id) DO NOTHING")
                .bindMethods(order)
                .bind("reason", order.statusReason().orElse(null))
                .bind("cancelledAt", order.cancelledAt().orElse(null))
                .bind("body", text(body))
                .execute() == 1;
    }

    Optional<Order> find(Handle handle, String organizationId, long orderId) {
        return one(handle, "SELECT " + COLUMNS + " FROM orders WHERE organization_id = :organizationId AND shopify_order_id = :id",
                organizationId, orderId);
    }

    Optional<Order> findForUpdate(Handle handle, String organizationId, long orderId) {
        return one(handle, "SELECT " + COLUMNS + " FROM orders WHERE organization_id = :organizationId AND shopify_order_id = :id "
                + "FOR UPDATE", organizationId, orderId);
    }

    JsonNode body(Handle handle, String organizationId, long orderId) {
        return json(handle.createQuery("SELECT body FROM orders WHERE organization_id = :organizationId AND shopify_order_id = :id")
                .bind("organizationId", organizationId).bind("id", orderId).mapTo(String.class).one());
    }

    /** The oldest pending orders, locked; those another request holds are skipped, it classifies them. */
    List<Order> pendingForUpdate(Handle handle, String organizationId, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM orders WHERE organization_id = :organizationId AND status = 'pending' "
                        + "ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("organizationId", organizationId).bind("limit", limit)
                .map((row, context) -> read(row)).list();
    }

    /** E7: the month's orders in one status, locked until the consolidation commits, by order number. */
    List<Order> ofMonthForUpdate(Handle handle, String organizationId, String month, String status) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM orders WHERE organization_id = :organizationId AND month = :month "
                        + "AND status = :status ORDER BY order_number, shopify_order_id FOR UPDATE")
                .bind("organizationId", organizationId).bind("month", month).bind("status", status)
                .map((row, context) -> read(row)).list();
    }

    /** A stored order with its body and the refunds recorded for it. */
    record Stored(Order order, JsonNode body, Set<Long> refundIds) {
    }

    /**
     * E7: the same orders, locked by one statement, then read {@link #CHUNK} at a time with their
     * bodies and recorded refund ids and given to {@code each} in order-number order: no statement
     * sorts or returns the month's bodies at once (each stays far inside the statement timeout),
     * and the month is never in memory at once.
     */
    void eachOfMonthForUpdate(Handle handle, String organizationId, String month, String status, Consumer<Stored> each) {
        List<Long> ids = handle.createQuery("SELECT shopify_order_id FROM orders WHERE organization_id = :organizationId "
                        + "AND month = :month AND status = :status ORDER BY order_number, shopify_order_id FOR UPDATE")
                .bind("organizationId", organizationId).bind("month", month).bind("status", status)
                .mapTo(Long.class).list();
        for (int start = 0; start < ids.size(); start += CHUNK) {
            handle.createQuery("SELECT " + COLUMNS + ", body::text AS body, ARRAY(SELECT r.shopify_refund_id FROM order_refunds r "
                            + "WHERE r.organization_id = o.organization_id AND r.shopify_order_id = o.shopify_order_id) AS refund_ids "
                            + "FROM orders o WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids) "
                            + "ORDER BY order_number, shopify_order_id")
                    .bind("organizationId", organizationId)
                    .bindArray("ids", Long.class, ids.subList(start, Math.min(ids.size(), start + CHUNK)))
                    .map((row, context) -> new Stored(read(row), json(row.getString("body")),
                            Set.of((Long[]) row.getArray("refund_ids").getArray())))
                    .forEach(each);
        }
    }

    /** E7: the months before {@code month} with orders still waiting for their consolidation (late ones included). */
    List<String> monthsWaiting(Handle handle, String organizationId, String month) {
        return handle.createQuery("SELECT DISTINCT month FROM orders WHERE organization_id = :organizationId AND month < :month "
                        + "AND status IN ('pending', 'consolidating', 'needs-buyer-details') ORDER BY month")
                .bind("organizationId", organizationId).bind("month", month).mapTo(String.class).list();
    }

    /** E9: the organization's orders of a customer: by Shopify customer id, email (any case), or the ids given. */
    List<Long> customerOrders(Handle handle, String organizationId, long customerId, String email, List<Long> orderIds) {
        return handle.createQuery("SELECT shopify_order_id FROM orders WHERE organization_id = :organizationId "
                        + "AND (shopify_order_id = ANY(:ids) OR body->'customer'->>'id' = :customerId "
                        + "OR (:email <> '' AND (lower(body->>'email') = lower(:email) OR lower(body->'customer'->>'email') = lower(:email)))) "
                        + "ORDER BY shopify_order_id")
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds)
                .bind("customerId", Long.toString(customerId)).bind("email", email)
                .mapTo(Long.class).list();
    }

    List<Long> orderIds(Handle handle, String organizationId) {
        return handle.createQuery("SELECT shopify_order_id FROM orders WHERE organization_id = :organizationId ORDER BY shopify_order_id")
                .bind("organizationId", organizationId).mapTo(Long.class).list();
    }

    /** E9: these top-level fields of the orders' bodies set to null. */
    void eraseFields(Handle handle, String organizationId, List<Long> orderIds, List<String> fields, Instant now) {
        handle.createUpdate("UPDATE orders SET body = body || (SELECT jsonb_object_agg(field, null) FROM unnest(:fields) AS field), "
                        + "updated_at = :now WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids)")
                .bindArray("fields", String.class, fields).bind("now", now)
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds).execute();
    }

    List<String> bodies(Handle handle, String organizationId, List<Long> orderIds) {
        return handle.createQuery("SELECT body::text FROM orders WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids) "
                        + "ORDER BY shopify_order_id")
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds).mapTo(String.class).list();
    }

    void update(Handle handle, Order order) {
        handle.createUpdate("UPDATE orders SET status = :status, status_reason = :reason, cancelled_at = :cancelledAt, "
                        + "updated_at = :updatedAt WHERE organization_id = :organizationId AND shopify_order_id = :shopifyOrderId")
                .bindMethods(order)
                .bind("reason", order.statusReason().orElse(null))
                .bind("cancelledAt", order.cancelledAt().orElse(null))
                .execute();
    }

    /** The orders' classifications (status, reason, updated_at) in one statement. */
    void updateStatuses(Handle handle, String organizationId, List<Order> classified) {
        if (classified.isEmpty()) {
            return;
        }
        handle.createUpdate("UPDATE orders o SET status = c.status, status_reason = c.reason, updated_at = c.updated_at "
                        + "FROM unnest(:ids, :statuses, :reasons, :updatedAts) AS c (id, status, reason, updated_at) "
                        + "WHERE o.organization_id = :organizationId AND o.shopify_order_id = c.id")
                .bind("organizationId", organizationId)
                .bindArray("ids", Long.class, classified.stream().map(Order::shopifyOrderId).toList())
                .bindArray("statuses", String.class, classified.stream().map(Order::status).toList())
                .bindArray("reasons", String.class, classified.stream().map(o -> o.statusReason().orElse(null)).toList())
                .bindArray("updatedAts", OffsetDateTime.class, classified.stream().map(o -> o.updatedAt().atOffset(ZoneOffset.UTC)).toList())
                .execute();
    }

    /** E7: these orders covered by a consolidated e-invoice, in one statement; returns how many were changed. */
    int consolidated(Handle handle, String organizationId, List<Long> orderIds, String reason, Instant now) {
        return handle.createUpdate("UPDATE orders SET status = 'consolidated', status_reason = :reason, updated_at = :now "
                        + "WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids)")
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds)
                .bind("reason", reason).bind("now", now).execute();
    }

    /** E7: the refunds of these orders that have no note, netted into their consolidated e-invoice. */
    void nettedRefunds(Handle handle, String organizationId, List<Long> orderIds, String outcome) {
        handle.createUpdate("UPDATE order_refunds SET outcome = :outcome WHERE organization_id = :organizationId "
                        + "AND shopify_order_id = ANY(:ids) AND einvoice_id IS NULL")
                .bind("organizationId", organizationId).bindArray("ids", Long.class, orderIds)
                .bind("outcome", outcome).execute();
    }

    void replaceBody(Handle handle, Order order, JsonNode body) {
        handle.createUpdate("UPDATE orders SET body = CAST(:body AS jsonb) WHERE organization_id = :organizationId "
                        + "AND shopify_order_id = :shopifyOrderId")
                .bindMethods(order).bind("body", text(body)).execute();
    }

    Set<Long> refundIds(Handle handle, String organizationId, long orderId) {
        return Set.copyOf(handle.createQuery("SELECT shopify_refund_id FROM order_refunds WHERE organization_id = :organizationId "
                        + "AND shopify_order_id = :id")
                .bind("organizationId", organizationId).bind("id", orderId).mapTo(Long.class).list());
    }

    void insertRefund(Handle handle, String organizationId, OrderRefund refund, JsonNode body) {
        handle.createUpdate("INSERT INTO order_refunds (organization_id, shopify_order_id, shopify_refund_id, money_returned, body, "
                        + "einvoice_id, outcome, refunded_at, created_at) VALUES (:organizationId, :shopifyOrderId, :refundId, "
                        + ":moneyReturned, CAST(:body AS jsonb), :note, :outcome, :refundedAt, :createdAt)")
                .bindMethods(refund)
                .bind("organizationId", organizationId)
                .bind("note", refund.einvoiceId().orElse(null))
                .bind("body", text(body))
                .execute();
    }

    void updateRefund(Handle handle, String organizationId, long refundId, Optional<String> einvoiceId, String outcome) {
        handle.createUpdate("UPDATE order_refunds SET einvoice_id = :note, outcome = :outcome WHERE organization_id = :organizationId "
                        + "AND shopify_refund_id = :refundId")
                .bind("organizationId", organizationId).bind("refundId", refundId)
                .bind("note", einvoiceId.orElse(null)).bind("outcome", outcome).execute();
    }

    /** The refunds of these orders, each order's oldest first. */
    Map<Long, List<OrderRefund>> refunds(Handle handle, String organizationId, List<Long> orderIds) {
        return handle.createQuery("SELECT shopify_order_id, shopify_refund_id, money_returned, einvoice_id, outcome, refunded_at, "
                        + "created_at FROM order_refunds WHERE organization_id = :organizationId AND shopify_order_id = ANY(:ids) "
                        + "ORDER BY refunded_at, shopify_refund_id")
                .bind("organizationId", organizationId)
                .bindArray("ids", Long.class, orderIds)
                .map((row, context) -> new OrderRefund(row.getLong("shopify_order_id"), row.getLong("shopify_refund_id"),
                        row.getBigDecimal("money_returned"), Columns.optionalText(row, "einvoice_id"), row.getString("outcome"),
                        Columns.instant(row, "refunded_at"), Columns.instant(row, "created_at")))
                .list().stream().collect(Collectors.groupingBy(OrderRefund::shopifyOrderId));
    }

    /** The e-invoices covering these orders (any type and status), oldest first. */
    Map<Long, List<String>> einvoiceIds(Handle handle, String organizationId, List<Long> orderIds) {
        var byOrder = new HashMap<Long, List<String>>();
        handle.createQuery("SELECT o.shopify_order_id, e.id FROM einvoice_orders o JOIN einvoices e ON e.id = o.einvoice_id "
                        + "WHERE o.organization_id = :organizationId AND o.shopify_order_id = ANY(:ids) ORDER BY e.created_at, e.id")
                .bind("organizationId", organizationId)
                .bindArray("ids", Long.class, orderIds)
                .map((row, context) -> Map.entry(row.getLong(1), row.getString(2)))
                .forEach(entry -> byOrder.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return byOrder;
    }

    List<Order> page(Handle handle, OrderFilter filter, long offset, int limit) {
        return filtered(handle.createQuery("SELECT " + COLUMNS + " FROM orders" + FILTER
                        + " ORDER BY created_at, shopify_order_id LIMIT :limit OFFSET :offset"), filter)
                .bind("limit", limit).bind("offset", offset)
                .map((row, context) -> read(row)).list();
    }

    long count(Handle handle, OrderFilter filter) {
        return filtered(handle.createQuery("SELECT count(*) FROM orders" + FILTER), filter).mapTo(Long.class).one();
    }

    private static Query filtered(Query query, OrderFilter filter) {
        return query.bind("organizationId", filter.organizationId())
                .bind("status", filter.status().orElse(null))
                .bind("month", filter.month().orElse(null));
    }

    private static Optional<Order> one(Handle handle, String sql, String organizationId, long orderId) {
        return handle.createQuery(sql).bind("organizationId", organizationId).bind("id", orderId)
                .map((row, context) -> read(row)).findOne();
    }

    private static Order read(ResultSet row) throws SQLException {
        return new Order(row.getString("organization_id"), row.getLong("shopify_order_id"), row.getString("name"),
                row.getLong("order_number"), Columns.instant(row, "processed_at"), row.getString("month"), row.getString("currency"),
                row.getBoolean("test"), row.getBigDecimal("payable"), row.getString("status"), Columns.optionalText(row, "status_reason"),
                Optional.ofNullable(row.getObject("cancelled_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
