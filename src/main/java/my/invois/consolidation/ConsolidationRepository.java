package my.invois.consolidation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;

/** Reads for E7: the organizations to consolidate and the consolidated months. Every method runs on the caller's handle. */
final class ConsolidationRepository {

    /** A consolidated month and its documents, oldest first. */
    record Month(String month, List<Document> documents) {
    }

    record Document(String id, String number, String currency, String status, BigDecimal payable, int orders, Instant createdAt) {
    }

    /** Runs of one organization wait for each other; orders (KEY SHARE) and the intake go on. */
    boolean lockOrganization(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", organizationId).mapTo(Integer.class).findOne().isPresent();
    }

    boolean organizationExists(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id")
                .bind("id", organizationId).mapTo(Integer.class).findOne().isPresent();
    }

    List<String> organizationsEnabled(Handle handle) {
        return handle.createQuery("SELECT organization_id FROM einvoice_settings WHERE enabled ORDER BY organization_id")
                .mapTo(String.class).list();
    }

    /** The organizations with orders of the month still waiting, or a consolidated e-invoice of it not Valid. */
    List<String> notValid(Handle handle, String month) {
        return handle.createQuery("SELECT organization_id FROM einvoices WHERE month = :month AND consolidated "
                        + "AND status NOT IN ('valid', 'cancelled') "
                        + "UNION SELECT organization_id FROM orders WHERE month = :month AND status IN ('consolidating', 'pending') "
                        + "ORDER BY 1")
                .bind("month", month).mapTo(String.class).list();
    }

    /** Newest month first: the one a merchant looks for. */
    List<Month> months(Handle handle, String organizationId, long offset, int limit) {
        List<String> months = handle.createQuery("SELECT DISTINCT month FROM einvoices WHERE organization_id = :organizationId "
                        + "AND consolidated ORDER BY month DESC LIMIT :limit OFFSET :offset")
                .bind("organizationId", organizationId).bind("limit", limit).bind("offset", offset)
                .mapTo(String.class).list();
        Map<String, List<Document>> documents = handle.createQuery("SELECT e.id, e.number, e.currency, e.status, e.payable, "
                        + "e.created_at, e.month, (SELECT count(*) FROM einvoice_orders o WHERE o.einvoice_id = e.id) AS orders "
                        + "FROM einvoices e WHERE e.organization_id = :organizationId AND e.consolidated AND e.month = ANY(:months) "
                        + "ORDER BY e.created_at, e.number")
                .bind("organizationId", organizationId).bindArray("months", String.class, months)
                .map((row, context) -> Map.entry(row.getString("month"), new Document(row.getString("id"), row.getString("number"),
                        row.getString("currency"), row.getString("status"), row.getBigDecimal("payable"), row.getInt("orders"),
                        Columns.instant(row, "created_at"))))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return months.stream().map(month -> new Month(month, documents.getOrDefault(month, List.of()))).toList();
    }

    long countMonths(Handle handle, String organizationId) {
        return handle.createQuery("SELECT count(DISTINCT month) FROM einvoices WHERE organization_id = :organizationId AND consolidated")
                .bind("organizationId", organizationId).mapTo(Long.class).one();
    }
}
