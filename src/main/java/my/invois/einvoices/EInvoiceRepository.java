package my.invois.einvoices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import my.invois.db.Ids;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The einvoices table and its history. Every state change of an e-invoice is a method here and
 * writes its einvoice_status_changes row with the reason. Every method runs on the caller's handle.
 */
public final class EInvoiceRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "e.id, e.organization_id, e.number, e.type, e.consolidated, e.status, e.original_id, "
            + "e.month, e.buyer, e.currency, e.excluding_tax, e.tax, e.including_tax, e.payable, e.lines, e.submission_uid, "
            + "e.uuid, e.long_id, e.errors, e.issued_at, e.submitted_at, e.validated_at, e.cancelled_at, e.created_at, "
            + "e.updated_at, ARRAY(SELECT o.shopify_order_id FROM einvoice_orders o WHERE o.einvoice_id = e.id "
            + "ORDER BY o.shopify_order_id) AS order_ids";
    private static final String FILTER = " WHERE e.organization_id = :organizationId"
            + " AND (CAST(:status AS text) IS NULL OR e.status = :status)"
            + " AND (CAST(:type AS text) IS NULL OR e.type = :type)"
            + " AND (CAST(:month AS text) IS NULL OR e.month = :month)"
            + " AND (CAST(:orderId AS bigint) IS NULL OR EXISTS (SELECT 1 FROM einvoice_orders o WHERE o.einvoice_id = e.id"
            + " AND o.organization_id = e.organization_id AND o.shopify_order_id = :orderId))";

    private final Ids ids;

    public EInvoiceRepository(Ids ids) {
        this.ids = ids;
    }

    /** E4: the next internal number of a series (INV000001), taken in the caller's transaction: a rollback gives it back unused. */
    public String allocateNumber(Handle handle, String organizationId, String series) {
        return series + String.format("%06d", next(handle, organizationId, series));
    }

    /** The next number of a series, from 1, never given twice (E7's CON202611 takes letters from it). */
    public long next(Handle handle, String organizationId, String series) {
        return handle.createQuery("INSERT INTO einvoice_numbers (organization_id, series, last_number) "
                        + "VALUES (:organizationId, :series, 1) ON CONFLICT (organization_id, series) "
                        + "DO UPDATE SET last_number = einvoice_numbers.last_number + 1 RETURNING last_number")
                .bind("organizationId", organizationId)
                .bind("series", series)
                .mapTo(Long.class)
                .one();
    }

    /** Stores a draft, the order it covers, and its first history row; returns its id. */
    public String create(Handle handle, NewEInvoice invoice, Instant now) {
        return create(handle, invoice, List.of(invoice.orderId()), now);
    }

    /** The same for a consolidated e-invoice (E7), covering these orders. */
    public String create(Handle handle, NewEInvoice invoice, List<Long> orderIds, Instant now) {
        String id = ids.next("einv");
        handle.createUpdate("INSERT INTO einvoices (id, organization_id, number, type, consolidated, status, original_id, month, "
                        + "buyer, currency, excluding_tax, tax, including_tax, payable, lines, document, document_sha256, issued_at, "
                        + "created_at, updated_at) VALUES (:id, :organizationId, :number, :type, :consolidated, 'draft', :originalId, "
                        + ":month, CAST(:buyer AS jsonb), :currency, :excludingTax, :tax, :includingTax, :payable, "
                        + "CAST(:lines AS jsonb), :document, :sha256, :issuedAt, :now, :now)")
                .bind("id", id)
                .bind("organizationId", invoice.organizationId())
                .bind("number", invoice.number())
                .bind("type", invoice.type())
                .bind("consolidated", invoice.consolidated())
                .bind("originalId", invoice.originalId().orElse(null))
                .bind("month", invoice.month())
                .bind("buyer", text(invoice.buyer()))
                .bind("currency", invoice.currency())
                .bind("excludingTax", invoice.totals().excludingTax())
                .bind("tax", invoice.totals().tax())
                .bind("includingTax", invoice.totals().includingTax())
                .bind("payable", invoice.totals().payable())
                .bind("lines", text(invoice.lines()))
                .bind("document", invoice.document().orElse(null))
                .bind("sha256", invoice.document().map(EInvoiceRepository::sha256).orElse(null))
                .bind("issuedAt", invoice.issuedAt().map(EInvoiceRepository::time).orElse(null))
                .bind("now", time(now))
                .execute();
        handle.createUpdate("INSERT INTO einvoice_orders (einvoice_id, organization_id, shopify_order_id) "
                        + "SELECT :id, :organizationId, unnest(:orderIds)")
                .bind("id", id)
                .bind("organizationId", invoice.organizationId())
                .bindArray("orderIds", Long.class, orderIds)
                .execute();
        recordChange(handle, id, null, EInvoice.DRAFT, now, invoice.reason());
        return id;
    }

    /** A draft that was never submitted is cancelled here, not at LHDN; false when it was no longer a draft. */
    public boolean cancelDraft(Handle handle, String id, Instant now, String reason) {
        int changed = handle.createUpdate("UPDATE einvoices SET status = 'cancelled', cancelled_at = :now, updated_at = :now "
                        + "WHERE id = :id AND status = 'draft'")
                .bind("id", id)
                .bind("now", time(now))
                .execute();
        if (changed == 1) {
            recordChange(handle, id, EInvoice.DRAFT, EInvoice.CANCELLED, now, reason);
        }
        return changed == 1;
    }

    /** E9: a cancelled e-invoice that was never submitted loses its buyer and the document that named the buyer. */
    public void eraseBuyer(Handle handle, String id, JsonNode buyer, Instant now) {
        handle.createUpdate("UPDATE einvoices SET buyer = CAST(:buyer AS jsonb), document = NULL, document_sha256 = NULL, "
                        + "updated_at = :now WHERE id = :id AND status = 'cancelled' AND submitted_at IS NULL AND NOT consolidated")
                .bind("id", id)
                .bind("buyer", text(buyer))
                .bind("now", time(now))
                .execute();
    }

    /** A draft whose document is built and signed is handed to the submission (E6); false when it was no longer a draft. */
    public boolean queue(Handle handle, String id, Instant now, String reason) {
        int changed = handle.createUpdate("UPDATE einvoices SET status = 'queued', updated_at = :now "
                        + "WHERE id = :id AND status = 'draft' AND document IS NOT NULL")
                .bind("id", id)
                .bind("now", time(now))
                .execute();
        if (changed == 1) {
            recordChange(handle, id, EInvoice.DRAFT, EInvoice.QUEUED, now, reason);
        }
        return changed == 1;
    }

    /**
     * E7's rule, checked before the consolidation commits: the orders of the month that more than one
     * invoice (01) not cancelled covers. Empty when each is covered at most once.
     */
    public List<Long> coveredTwice(Handle handle, String organizationId, String month) {
        return handle.createQuery("SELECT o.shopify_order_id FROM einvoice_orders o JOIN einvoices e ON e.id = o.einvoice_id "
                        + "WHERE o.organization_id = :organizationId AND e.month = :month AND e.type = '01' AND e.status <> 'cancelled' "
                        + "GROUP BY o.shopify_order_id HAVING count(*) > 1")
                .bind("organizationId", organizationId)
                .bind("month", month)
                .mapTo(Long.class)
                .list();
    }

    boolean organizationExists(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id").bind("id", organizationId)
                .mapTo(Integer.class).findOne().isPresent();
    }

    public Optional<EInvoice> find(Handle handle, String organizationId, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM einvoices e WHERE e.organization_id = :organizationId AND e.id = :id")
                .bind("organizationId", organizationId)
                .bind("id", id)
                .map((row, context) -> read(row))
                .findOne();
    }

    /** The e-invoices covering the order (whatever their status), oldest first. */
    public List<EInvoice> ofOrder(Handle handle, String organizationId, long orderId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM einvoices e JOIN einvoice_orders o ON o.einvoice_id = e.id "
                        + "WHERE o.organization_id = :organizationId AND o.shopify_order_id = :orderId ORDER BY e.created_at, e.id")
                .bind("organizationId", organizationId)
                .bind("orderId", orderId)
                .map((row, context) -> read(row))
                .list();
    }

    /** E7: whether the month has a consolidated e-invoice (not cancelled) in that currency. */
    public boolean monthConsolidated(Handle handle, String organizationId, String month) {
        return handle.createQuery("SELECT 1 FROM einvoices WHERE organization_id = :organizationId AND month = :month "
                        + "AND consolidated AND status <> 'cancelled' LIMIT 1")
                .bind("organizationId", organizationId)
                .bind("month", month)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    public Optional<byte[]> document(Handle handle, String organizationId, String id) {
        return handle.createQuery("SELECT document FROM einvoices WHERE organization_id = :organizationId AND id = :id")
                .bind("organizationId", organizationId)
                .bind("id", id)
                .map((row, context) -> Optional.ofNullable(row.getBytes("document")))
                .findOne()
                .flatMap(document -> document);
    }

    List<EInvoice> page(Handle handle, EInvoiceFilter filter, long offset, int limit) {
        return filtered(handle.createQuery("SELECT " + COLUMNS + " FROM einvoices e" + FILTER
                        + " ORDER BY e.created_at, e.id LIMIT :limit OFFSET :offset"), filter)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((row, context) -> read(row))
                .list();
    }

    long count(Handle handle, EInvoiceFilter filter) {
        return filtered(handle.createQuery("SELECT count(*) FROM einvoices e" + FILTER), filter).mapTo(Long.class).one();
    }

    private static Query filtered(Query query, EInvoiceFilter filter) {
        return query.bind("organizationId", filter.organizationId())
                .bind("status", filter.status().orElse(null))
                .bind("type", filter.type().orElse(null))
                .bind("month", filter.month().orElse(null))
                .bind("orderId", filter.orderId().orElse(null));
    }

    private static void recordChange(Handle handle, String id, String from, String to, Instant at, String reason) {
        handle.createUpdate("INSERT INTO einvoice_status_changes (einvoice_id, from_status, to_status, changed_at, reason) "
                        + "VALUES (:id, :from, :to, :at, :reason)")
                .bind("id", id)
                .bind("from", from)
                .bind("to", to)
                .bind("at", time(at))
                .bind("reason", reason)
                .execute();
    }

    private static EInvoice read(ResultSet row) throws SQLException {
        return new EInvoice(row.getString("id"), row.getString("organization_id"), row.getString("number"), row.getString("type"),
                row.getBoolean("consolidated"), row.getString("status"), Columns.optionalText(row, "original_id"),
                row.getString("month"), json(row.getString("buyer")), row.getString("currency"),
                new EInvoiceTotals(row.getBigDecimal("excluding_tax"), row.getBigDecimal("tax"), row.getBigDecimal("including_tax"),
                        row.getBigDecimal("payable")),
                json(row.getString("lines")), Columns.optionalText(row, "submission_uid"), Columns.optionalText(row, "uuid"),
                Columns.optionalText(row, "long_id"), json(row.getString("errors")), optionalInstant(row, "issued_at"),
                optionalInstant(row, "submitted_at"), optionalInstant(row, "validated_at"), optionalInstant(row, "cancelled_at"),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"),
                List.of((Long[]) row.getArray("order_ids").getArray()));
    }

    private static Optional<Instant> optionalInstant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has SHA-256", e);
        }
    }
}
