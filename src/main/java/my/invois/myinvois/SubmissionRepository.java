package my.invois.myinvois;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import my.invois.db.Columns;
import my.invois.db.Ids;
import org.jdbi.v3.core.Handle;

/** The submissions table (V16): one batch's way through Submit Documents and Get Submission. Every method runs on the caller's handle. */
final class SubmissionRepository {

    static final String SENDING = "sending";
    static final String RETRY = "retry";
    static final String UNKNOWN = "unknown";
    static final String SEARCHING = "searching";
    static final String POLLING = "polling";
    static final String DONE = "done";

    private static final String COLUMNS = "id, organization_id, state, submission_uid, attempts, unknown_since, next_at, created_at";

    /** One submission as stored; {@code unknownSince} is when a send first went unanswered. */
    record Stored(String id, String organizationId, String state, Optional<String> submissionUid, int attempts,
            Optional<Instant> unknownSince, Instant nextAt, Instant createdAt) {

        Stored next(String newState, Instant at) {
            return new Stored(id, organizationId, newState, submissionUid, attempts, unknownSince, at, createdAt);
        }
    }

    private final Ids ids;

    SubmissionRepository(Ids ids) {
        this.ids = ids;
    }

    /** A submission about to be sent: due again only at {@code surelyOver}, when its call has ended one way or another. */
    Stored create(Handle handle, String organizationId, Instant now, Instant surelyOver) {
        String id = ids.next("sub");
        handle.createUpdate("INSERT INTO submissions (id, organization_id, state, attempts, next_at, created_at, updated_at) "
                        + "VALUES (:id, :organizationId, 'sending', 1, :nextAt, :now, :now)")
                .bind("id", id)
                .bind("organizationId", organizationId)
                .bind("nextAt", time(surelyOver))
                .bind("now", time(now))
                .execute();
        return new Stored(id, organizationId, SENDING, Optional.empty(), 1, Optional.empty(), surelyOver, now);
    }

    /** Submissions due to be sent again or searched for (a crash mid-call leaves one 'sending', due once the call is surely over). */
    List<Stored> dueToSend(Handle handle, Instant now, int limit) {
        return due(handle, "state IN ('sending', 'retry', 'unknown', 'searching')", now, limit);
    }

    List<Stored> dueToPoll(Handle handle, Instant now, int limit) {
        return due(handle, "state = 'polling'", now, limit);
    }

    void save(Handle handle, Stored submission, Instant now) {
        handle.createUpdate("UPDATE submissions SET state = :state, submission_uid = :uid, attempts = :attempts, "
                        + "unknown_since = :unknownSince, next_at = :nextAt, updated_at = :now WHERE id = :id")
                .bind("id", submission.id())
                .bind("state", submission.state())
                .bind("uid", submission.submissionUid().orElse(null))
                .bind("attempts", submission.attempts())
                .bind("unknownSince", submission.unknownSince().map(SubmissionRepository::time).orElse(null))
                .bind("nextAt", time(submission.nextAt()))
                .bind("now", time(now))
                .execute();
    }

    private static List<Stored> due(Handle handle, String condition, Instant now, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM submissions WHERE " + condition
                        + " AND next_at <= :now ORDER BY next_at, sequence LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("now", time(now))
                .bind("limit", limit)
                .map((row, context) -> read(row))
                .list();
    }

    private static Stored read(ResultSet row) throws SQLException {
        return new Stored(row.getString("id"), row.getString("organization_id"), row.getString("state"),
                Columns.optionalText(row, "submission_uid"), row.getInt("attempts"), Columns.optionalInstant(row, "unknown_since"),
                Columns.instant(row, "next_at"), Columns.instant(row, "created_at"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
