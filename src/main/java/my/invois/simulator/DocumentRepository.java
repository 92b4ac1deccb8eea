package my.invois.simulator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** SQL of the simulator's documents: every change of a document's status is here. */
final class DocumentRepository {

    static final String COLUMNS = "d.uuid, d.submission_uid, d.code_number, s.client_id, s.client_tin, s.taxpayer_tin, d.internal_id, d.type_code,"
            + " d.version, d.issuer_tin, d.issuer_name, d.receiver_id, d.receiver_name, d.issued_at, d.total_excluding_tax,"
            + " d.total_discount, d.total_net_amount, d.total_payable, d.referenced_uuids, d.status, d.long_id, d.validation::text AS validation,"
            + " d.received_at, d.validated_at, d.cancelled_at, d.cancel_reason";
    static final String FROM = " FROM myinvois_sim.documents d JOIN myinvois_sim.submissions s USING (submission_uid)";

    private final Jdbi jdbi;

    DocumentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<StoredDocument> find(String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + FROM + " WHERE d.uuid = :uuid")
                .bind("uuid", uuid).map((row, ctx) -> map(row)).findOne());
    }

    Optional<byte[]> bytes(String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT bytes FROM myinvois_sim.documents WHERE uuid = :uuid")
                .bind("uuid", uuid).mapTo(byte[].class).findOne());
    }

    List<StoredDocument> ofSubmission(String submissionUid, int pageNo, int pageSize) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + FROM
                        + " WHERE d.submission_uid = :uid ORDER BY d.position LIMIT :limit OFFSET :offset")
                .bind("uid", submissionUid).bind("limit", pageSize).bind("offset", (pageNo - 1) * pageSize)
                .map((row, ctx) -> map(row)).list());
    }

    List<String> submittedUuids() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT uuid FROM myinvois_sim.documents WHERE status = 'Submitted'"
                + " ORDER BY received_at, position").mapTo(String.class).list());
    }

    /** Records the outcome of validation, once: a document already validated is left as it is. */
    void validated(String uuid, boolean valid, String longId, String validation, Instant now) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE myinvois_sim.documents SET status = :status, long_id = :longId,"
                        + " validation = CAST(:validation AS jsonb), validated_at = :now WHERE uuid = :uuid AND status = 'Submitted'")
                .bind("status", valid ? StoredDocument.VALID : StoredDocument.INVALID).bind("longId", valid ? longId : null)
                .bind("validation", validation).bind("now", now).bind("uuid", uuid).execute());
    }

    boolean cancel(String uuid, String reason, Instant now) {
        return jdbi.withHandle(handle -> handle.createUpdate("UPDATE myinvois_sim.documents SET status = 'Cancelled',"
                        + " cancelled_at = :now, cancel_reason = :reason WHERE uuid = :uuid AND status = 'Valid'")
                .bind("now", now).bind("reason", reason).bind("uuid", uuid).execute() == 1);
    }

    /** True when a Valid note references the document (LHDN's ActiveReferencingDocuments). */
    boolean hasValidReferencing(String uuid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM myinvois_sim.documents"
                + " WHERE status = 'Valid' AND referenced_uuids @> ARRAY[:uuid]::text[])").bind("uuid", uuid).mapTo(Boolean.class).one());
    }

    static StoredDocument map(ResultSet row) throws SQLException {
        var facts = new DocumentFacts(row.getString("internal_id"), row.getString("type_code"), row.getString("version"),
                row.getString("issuer_tin"), row.getString("issuer_name"), row.getString("receiver_id"), row.getString("receiver_name"),
                row.getString("issued_at"), row.getBigDecimal("total_excluding_tax"), row.getBigDecimal("total_discount"),
                row.getBigDecimal("total_net_amount"), row.getBigDecimal("total_payable"),
                Arrays.asList((String[]) row.getArray("referenced_uuids").getArray()));
        return new StoredDocument(row.getString("uuid"), row.getString("submission_uid"), row.getString("code_number"),
                row.getString("client_id"), Optional.ofNullable(row.getString("client_tin")), row.getString("taxpayer_tin"), facts, row.getString("status"),
                Optional.ofNullable(row.getString("long_id")), Optional.ofNullable(row.getString("validation")),
                instant(row, "received_at").orElseThrow(), instant(row, "validated_at"), instant(row, "cancelled_at"),
                Optional.ofNullable(row.getString("cancel_reason")));
    }

    static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    static void insert(Handle handle, String uuid, String submissionUid, int position, IncomingDocument document, Instant now) {
        DocumentFacts facts = document.facts();
        handle.createUpdate("INSERT INTO myinvois_sim.documents (uuid, submission_uid, position, code_number, internal_id, type_code,"
                        + " version, issuer_tin, issuer_name, receiver_id, receiver_name, issued_at, total_excluding_tax, total_discount,"
                        + " total_net_amount, total_payable, bytes, sha256, status, received_at, referenced_uuids) VALUES (:uuid, :submission,"
                        + " :position, :code, :internalId, :type, :version, :issuerTin, :issuerName, :receiverId, :receiverName, :issuedAt,"
                        + " :excluding, :discount, :net, :payable, :bytes, :sha256, 'Submitted', :now, :references)")
                .bind("uuid", uuid).bind("submission", submissionUid).bind("position", position).bind("code", document.codeNumber())
                .bind("internalId", facts.internalId()).bind("type", facts.typeCode()).bind("version", facts.version())
                .bind("issuerTin", facts.issuerTin()).bind("issuerName", facts.issuerName()).bind("receiverId", facts.receiverId())
                .bind("receiverName", facts.receiverName()).bind("issuedAt", facts.issuedAt()).bind("excluding", facts.totalExcludingTax())
                .bind("discount", facts.totalDiscount()).bind("net", facts.totalNetAmount()).bind("payable", facts.totalPayable())
                .bind("bytes", document.bytes()).bind("sha256", document.sha256()).bind("now", now)
                .bind("references", facts.referencedUuids().toArray(String[]::new)).execute();
    }
}
