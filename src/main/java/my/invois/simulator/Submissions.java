package my.invois.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Submit Documents and Get Submission (reference §2.1–2.4). */
final class Submissions {

    static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);

    record Accepted(String uuid, String invoiceCodeNumber) {
    }

    record Outcome(String submissionUid, List<Accepted> accepted, List<SubmissionRequest.Rejected> rejected) {
    }

    private final Jdbi jdbi;
    private final SimIds ids;
    private final Clock clock;
    private final Validation validation;

    Submissions(Jdbi jdbi, SimIds ids, Clock clock, Validation validation) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.validation = validation;
    }

    Outcome submit(Session session, byte[] body) {
        SubmissionRequest.Parsed parsed = SubmissionRequest.parse(body);
        for (IncomingDocument document : parsed.accepted()) {
            String issuer = document.facts().issuerTin();
            if (issuer != null && !issuer.equals(session.taxpayerTin())) {
                throw new LhdnException(403, "IncorrectSubmitter", "The authenticated TIN and documents TIN is not matching",
                        document.codeNumber());
            }
        }
        if (parsed.accepted().isEmpty()) {
            return new Outcome(null, List.of(), parsed.rejected());
        }
        String payload = Hashes.hex(parsed.accepted().stream().map(IncomingDocument::sha256).collect(Collectors.joining(",")));
        String submissionUid = ids.uid();
        Instant now = clock.instant();
        List<Accepted> accepted = jdbi.inTransaction(handle -> {
            // One submitter at a time per taxpayer, so that two identical payloads cannot both pass the check.
            handle.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))")
                    .bind("key", "myinvois_sim:" + session.taxpayerTin()).mapTo(Integer.class).one();
            duplicateUntil(handle, session.taxpayerTin(), payload, now).ifPresent(until -> {
                long seconds = Math.max(1, Duration.between(now, until).toSeconds());
                throw new LhdnException(422, new ApiError("DuplicateSubmission",
                        "An identical submission was received in the last 10 minutes", "submission", null, null),
                        Map.of("Retry-After", String.valueOf(seconds)));
            });
            handle.createUpdate("INSERT INTO myinvois_sim.submissions (submission_uid, client_id, client_tin, taxpayer_tin,"
                            + " payload_sha256, received_at) VALUES (:uid, :client, :clientTin, :taxpayer, :payload, :now)")
                    .bind("uid", submissionUid).bind("client", session.clientId()).bind("clientTin", session.clientTin().orElse(null))
                    .bind("taxpayer", session.taxpayerTin()).bind("payload", payload).bind("now", now).execute();
            var result = new ArrayList<Accepted>();
            for (IncomingDocument document : parsed.accepted()) {
                String uuid = ids.uid();
                DocumentRepository.insert(handle, uuid, submissionUid, result.size(), document, now);
                result.add(new Accepted(uuid, document.codeNumber()));
            }
            return result;
        });
        validation.schedule(accepted.stream().map(Accepted::uuid).toList());
        return new Outcome(submissionUid, accepted, parsed.rejected());
    }

    private static Optional<Instant> duplicateUntil(Handle handle, String taxpayer, String payload, Instant now) {
        return handle.createQuery("SELECT max(received_at) FROM myinvois_sim.submissions WHERE taxpayer_tin = :taxpayer"
                        + " AND payload_sha256 = :payload AND received_at > :since")
                .bind("taxpayer", taxpayer).bind("payload", payload).bind("since", now.minus(DUPLICATE_WINDOW))
                .mapTo(OffsetDateTime.class).findOne()
                .map(received -> received.toInstant().plus(DUPLICATE_WINDOW));
    }

    /** The submission when the session's client submitted it for the session's taxpayer. */
    Optional<Instant> receivedAt(Session session, String submissionUid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT received_at FROM myinvois_sim.submissions"
                        + " WHERE submission_uid = :uid AND client_id = :client AND taxpayer_tin = :taxpayer")
                .bind("uid", submissionUid).bind("client", session.clientId()).bind("taxpayer", session.taxpayerTin())
                .mapTo(OffsetDateTime.class).findOne().map(OffsetDateTime::toInstant));
    }

    int documentCount(String submissionUid) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM myinvois_sim.documents WHERE submission_uid = :uid")
                .bind("uid", submissionUid).mapTo(Integer.class).one());
    }

    /** LHDN's overallStatus over every document of the submission (anchors §1.5). */
    String overallStatus(String submissionUid) {
        List<String> statuses = jdbi.withHandle(handle -> handle.createQuery("SELECT DISTINCT status FROM myinvois_sim.documents"
                + " WHERE submission_uid = :uid").bind("uid", submissionUid).mapTo(String.class).list());
        if (statuses.contains(StoredDocument.SUBMITTED)) {
            return "InProgress";
        }
        boolean anyInvalid = statuses.contains(StoredDocument.INVALID);
        boolean anyValid = statuses.contains(StoredDocument.VALID) || statuses.contains(StoredDocument.CANCELLED);
        return anyInvalid && anyValid ? "Partially Valid" : anyInvalid ? "Invalid" : "Valid";
    }
}
