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
import java.util.Map;
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

    /** A submitted document LHDN has not decided on yet. */
    public record Awaiting(String id, String uuid) {
    }

    public record DueCancellation(String id, String organizationId, String uuid, String reason) {
    }

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
        recordChange(handle, id, null, EInvoice.DRAFT, now, invoice.reason(), null);
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
            recordChange(handle, id, EInvoice.DRAFT, EInvoice.CANCELLED, now, reason, null);
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
        int changed = handle.createUpdate("UPDATE einvoices SET status = 'queued', queued_at = :now, updated_at = :now "
                        + "WHERE id = :id AND status = 'draft' AND document IS NOT NULL")
                .bind("id", id)
                .bind("now", time(now))
                .execute();
        if (changed == 1) {
            recordChange(handle, id, EInvoice.DRAFT, EInvoice.QUEUED, now, reason, null);
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

    /**
     * E6: drafts ready to send (individual, with their document, of no test order: E11) become
     * queued, oldest first, at most {@code limit}; returns how many. Consolidated drafts are
     * queued by the consolidation, notes once their document is built.
     */
    public int queueDrafts(Handle handle, Instant now, int limit) {
        // One statement with the history rows: a backlog's run queues thousands, one round trip each was most of the run.
        return handle.createUpdate("WITH queued AS (UPDATE einvoices SET status = :to, queued_at = :now, updated_at = :now "
                        + "WHERE id IN (SELECT e.id FROM einvoices e WHERE e.status = :from AND e.document IS NOT NULL "
                        + "AND NOT e.consolidated AND NOT EXISTS (SELECT 1 FROM einvoice_orders eo JOIN orders o "
                        + "ON o.organization_id = eo.organization_id AND o.shopify_order_id = eo.shopify_order_id "
                        + "WHERE eo.einvoice_id = e.id AND o.test) ORDER BY e.created_at, e.id LIMIT :limit FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id) "
                        + "INSERT INTO einvoice_status_changes (einvoice_id, from_status, to_status, changed_at, reason) "
                        + "SELECT id, :from, :to, :now, 'queued for submission to LHDN' FROM queued")
                .bind("from", EInvoice.DRAFT)
                .bind("to", EInvoice.QUEUED)
                .bind("now", time(now))
                .bind("limit", limit)
                .execute();
    }

    /** E5: the notes of an original still without their document (it needs the original's LHDN UUID). */
    public List<EInvoice> notesAwaitingDocument(Handle handle, String originalId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM einvoices e WHERE e.original_id = :originalId AND e.status = 'draft' "
                        + "AND e.document IS NULL ORDER BY e.created_at, e.id")
                .bind("originalId", originalId)
                .map((row, context) -> read(row))
                .list();
    }

    /** A note's document, built once its original is Valid; the note stays a draft until the submit job queues it. */
    public void noteDocument(Handle handle, String id, byte[] document, Instant now, String reason) {
        int changed = handle.createUpdate("UPDATE einvoices SET document = :document, document_sha256 = :sha256, issued_at = :now, "
                        + "updated_at = :now WHERE id = :id AND status = 'draft' AND document IS NULL")
                .bind("id", id)
                .bind("document", document)
                .bind("sha256", sha256(document))
                .bind("now", time(now))
                .execute();
        if (changed == 1) {
            recordChange(handle, id, EInvoice.DRAFT, EInvoice.DRAFT, now, reason, null);
        }
    }

    /** E6 fairness: issuers with queued documents in no submission, the one waiting longest first. */
    public List<String> queuedIssuers(Handle handle, int limit) {
        return handle.createQuery("SELECT organization_id FROM einvoices WHERE status = 'queued' AND submission_id IS NULL "
                        + "GROUP BY organization_id ORDER BY min(queued_at), organization_id LIMIT :limit")
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /** The issuer's oldest queued documents in no submission, locked for this transaction (another instance skips them). */
    public List<QueuedDocument> claimQueued(Handle handle, String organizationId, int limit) {
        return handle.createQuery("SELECT id, number, document FROM einvoices WHERE organization_id = :organizationId "
                        + "AND status = 'queued' AND submission_id IS NULL ORDER BY queued_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("organizationId", organizationId)
                .bind("limit", limit)
                .map((row, context) -> new QueuedDocument(row.getString("id"), row.getString("number"), row.getBytes("document")))
                .list();
    }

    /** The documents are now held by the submission: their bytes go to LHDN, and no other submission takes them. */
    public void attach(Handle handle, List<String> ids, String submissionId, Instant now) {
        handle.createUpdate("UPDATE einvoices SET submission_id = :submissionId, updated_at = :now WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .bind("submissionId", submissionId)
                .bind("now", time(now))
                .execute();
    }

    /** A submission's documents still queued, in the order they were claimed: a resend must repeat the same entries in the same order. */
    public List<QueuedDocument> ofSubmission(Handle handle, String submissionId) {
        return handle.createQuery("SELECT id, number, document FROM einvoices WHERE submission_id = :submissionId "
                        + "AND status = 'queued' ORDER BY queued_at, id")
                .bind("submissionId", submissionId)
                .map((row, context) -> new QueuedDocument(row.getString("id"), row.getString("number"), row.getBytes("document")))
                .list();
    }

    /** The submission's documents LHDN holds and has not decided on yet: their id and LHDN uuid. */
    public List<Awaiting> awaitingValidation(Handle handle, String submissionId) {
        return handle.createQuery("SELECT id, uuid FROM einvoices WHERE submission_id = :submissionId AND status = 'submitted'")
                .bind("submissionId", submissionId)
                .map((row, context) -> new Awaiting(row.getString("id"), row.getString("uuid")))
                .list();
    }

    public void submitted(Handle handle, String id, String submissionUid, String uuid, Instant now, String reason,
            Optional<String> correlationId) {
        change(handle, id, List.of(EInvoice.QUEUED), EInvoice.SUBMITTED, "submission_uid = :submissionUid, uuid = :uuid, submitted_at = :now",
                now, reason, correlationId, Map.of("submissionUid", submissionUid, "uuid", uuid));
    }

    /** A submission's accepted documents (e-invoice id → LHDN uuid), in one statement with their history rows. */
    public void submitted(Handle handle, Map<String, String> uuids, String submissionUid, Instant now, String reason,
            Optional<String> correlationId) {
        if (uuids.isEmpty()) {
            return;
        }
        handle.createUpdate("WITH accepted AS (SELECT * FROM unnest(:ids, :uuids) AS a (id, uuid)), "
                        + "changed AS (UPDATE einvoices e SET status = :to, submission_uid = :submissionUid, uuid = a.uuid, "
                        + "submitted_at = :now, updated_at = :now FROM accepted a WHERE e.id = a.id AND e.status = :from RETURNING e.id) "
                        + "INSERT INTO einvoice_status_changes (einvoice_id, from_status, to_status, changed_at, reason, lhdn_correlation_id) "
                        + "SELECT id, :from, :to, :now, :reason, CAST(:correlationId AS text) FROM changed")
                .bindArray("ids", String.class, List.copyOf(uuids.keySet()))
                .bindArray("uuids", String.class, List.copyOf(uuids.values()))
                .bind("from", EInvoice.QUEUED)
                .bind("to", EInvoice.SUBMITTED)
                .bind("submissionUid", submissionUid)
                .bind("now", time(now))
                .bind("reason", reason)
                .bind("correlationId", correlationId.orElse(null))
                .execute();
    }

    public void valid(Handle handle, String id, String longId, Instant validatedAt, Instant now, Optional<String> correlationId) {
        change(handle, id, List.of(EInvoice.SUBMITTED), EInvoice.VALID, "long_id = :longId, validated_at = :validatedAt", now,
                "validated by LHDN", correlationId, Map.of("longId", longId, "validatedAt", time(validatedAt)));
    }

    /** LHDN's (or the size rule's) reasons stored as E8's lhdn.errors[]. */
    public void invalid(Handle handle, String id, JsonNode errors, Instant now, String reason, Optional<String> correlationId) {
        change(handle, id, List.of(EInvoice.QUEUED, EInvoice.SUBMITTED), EInvoice.INVALID, "errors = CAST(:errors AS jsonb)", now,
                reason, correlationId, Map.of("errors", text(errors)));
    }

    /** E8: a cancellation asked of a Valid document, done at LHDN by the cancel job; false when one was already asked. */
    public boolean askCancel(Handle handle, String id, String reason, Instant now) {
        int changed = handle.createUpdate("UPDATE einvoices SET cancel_reason = :reason, cancel_requested_at = :now, "
                        + "cancel_next_at = :now, updated_at = :now WHERE id = :id AND status = 'valid' AND cancel_requested_at IS NULL")
                .bind("id", id)
                .bind("reason", reason)
                .bind("now", time(now))
                .execute();
        return changed == 1;
    }

    /** Cancellations due at LHDN: id, organization, uuid, reason. */
    public List<DueCancellation> dueCancellations(Handle handle, Instant now, int limit) {
        return handle.createQuery("SELECT id, organization_id, uuid, cancel_reason FROM einvoices WHERE cancel_next_at <= :now "
                        + "AND status = 'valid' ORDER BY cancel_next_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("now", time(now))
                .bind("limit", limit)
                .map((row, context) -> new DueCancellation(row.getString("id"), row.getString("organization_id"),
                        row.getString("uuid"), row.getString("cancel_reason")))
                .list();
    }

    public void cancelLater(Handle handle, String id, Instant at) {
        handle.createUpdate("UPDATE einvoices SET cancel_next_at = :at WHERE id = :id").bind("id", id).bind("at", time(at)).execute();
    }

    public void cancelled(Handle handle, String id, Instant now, String reason, Optional<String> correlationId) {
        change(handle, id, List.of(EInvoice.VALID), EInvoice.CANCELLED, "cancelled_at = :now, cancel_next_at = NULL", now, reason,
                correlationId, Map.of());
    }

    /** LHDN refused the cancellation (its 72 hours, a referencing note): the document stays Valid, the refusal in its history. */
    public void cancelRefused(Handle handle, String id, Instant now, String reason, Optional<String> correlationId) {
        handle.createUpdate("UPDATE einvoices SET cancel_next_at = NULL, cancel_requested_at = NULL, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("now", time(now)).execute();
        recordChange(handle, id, EInvoice.VALID, EInvoice.VALID, now, reason, correlationId.orElse(null));
    }

    private static void change(Handle handle, String id, List<String> from, String to, String sets, Instant now, String reason,
            Optional<String> correlationId, Map<String, Object> values) {
        var update = handle.createQuery("UPDATE einvoices e SET status = :to, " + sets + ", updated_at = :now "
                        + "FROM einvoices old WHERE e.id = :id AND old.id = e.id AND e.status IN (<from>) RETURNING old.status")
                .bind("id", id)
                .bind("to", to)
                .bind("now", time(now))
                .bindList("from", from);
        values.forEach(update::bind);
        update.mapTo(String.class).findOne()
                .ifPresent(previous -> recordChange(handle, id, previous, to, now, reason, correlationId.orElse(null)));
    }

    boolean organizationExists(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id").bind("id", organizationId)
                .mapTo(Integer.class).findOne().isPresent();
    }

    public Optional<EInvoice> find(Handle handle, String organizationId, String id) {
        return find(handle, organizationId, id, "");
    }

    public Optional<EInvoice> findForUpdate(Handle handle, String organizationId, String id) {
        return find(handle, organizationId, id, " FOR UPDATE");
    }

    private Optional<EInvoice> find(Handle handle, String organizationId, String id, String lock) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM einvoices e WHERE e.organization_id = :organizationId AND e.id = :id" + lock)
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

    private static void recordChange(Handle handle, String id, String from, String to, Instant at, String reason,
            String correlationId) {
        handle.createUpdate("INSERT INTO einvoice_status_changes (einvoice_id, from_status, to_status, changed_at, reason, "
                        + "lhdn_correlation_id) VALUES (:id, :from, :to, :at, :reason, :correlationId)")
                .bind("correlationId", correlationId)
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
