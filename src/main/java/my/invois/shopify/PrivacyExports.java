package my.invois.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The privacy_exports table (E9 customers/data_request). Every method runs on the caller's handle. */
final class PrivacyExports {

    /** What Invois holds about a customer's orders: their stored bodies, for the merchant to pass on. */
    record Export(String id, Optional<String> dataRequestId, long customerId, String orders, Instant createdAt) {
    }

    private static final RowMapper<Export> EXPORT = (row, context) -> new Export(row.getString("id"),
            Columns.optionalText(row, "data_request_id"), row.getLong("customer_id"), row.getString("orders"),
            Columns.instant(row, "created_at"));

    void insert(Handle handle, String id, String organizationId, Optional<String> dataRequestId, long customerId, JsonNode orders,
            Instant now) {
        handle.createUpdate("INSERT INTO privacy_exports (id, organization_id, data_request_id, customer_id, orders, created_at) "
                        + "VALUES (:id, :organizationId, :request, :customerId, CAST(:orders AS jsonb), :now)")
                .bind("id", id).bind("organizationId", organizationId).bind("request", dataRequestId.orElse(null))
                .bind("customerId", customerId).bind("orders", orders.toString()).bind("now", now).execute();
    }

    List<Export> page(Handle handle, String organizationId, long offset, int limit) {
        return handle.createQuery("SELECT id, data_request_id, customer_id, orders::text AS orders, created_at FROM privacy_exports "
                        + "WHERE organization_id = :organizationId ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                .bind("organizationId", organizationId).bind("limit", limit).bind("offset", offset).map(EXPORT).list();
    }

    long count(Handle handle, String organizationId) {
        return handle.createQuery("SELECT count(*) FROM privacy_exports WHERE organization_id = :organizationId")
                .bind("organizationId", organizationId).mapTo(Long.class).one();
    }

    /** E9: an export is kept 90 days, long enough for the merchant's 30 days to answer the customer. */
    int purge(Handle handle, Instant before) {
        return handle.createUpdate("DELETE FROM privacy_exports WHERE created_at < :before").bind("before", before).execute();
    }
}
