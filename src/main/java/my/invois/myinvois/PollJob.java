package my.invois.myinvois;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceRepository;
import org.jdbi.v3.core.Jdbi;

/**
 * E6 job {@code poll}: Get Submission for each submission whose next poll has come (from 3 s
 * after submitting, with back-off) until none of its documents is Submitted. Valid documents get
 * their longId and validation time; Invalid ones their errors from Get Document Details.
 */
final class PollJob {

    static final String NAME = "poll";
    static final int SUBMISSIONS_PER_RUN = 20;

    private final Jdbi jdbi;
    private final MyInvois lhdn;
    private final Accounts accounts;
    private final EInvoiceRepository einvoices;
    private final SubmissionRepository submissions;
    private final Outcomes outcomes;
    private final EngineMetrics metrics;
    private final Clock clock;

    PollJob(Jdbi jdbi, MyInvois lhdn, Accounts accounts, EInvoiceRepository einvoices, SubmissionRepository submissions,
            Outcomes outcomes, EngineMetrics metrics, Clock clock) {
        this.jdbi = jdbi;
        this.lhdn = lhdn;
        this.accounts = accounts;
        this.einvoices = einvoices;
        this.submissions = submissions;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.clock = clock;
    }

    void run() {
        Instant now = clock.instant();
        List<SubmissionRepository.Stored> due = jdbi.inTransaction(handle -> {
            List<SubmissionRepository.Stored> found = submissions.dueToPoll(handle, now, SUBMISSIONS_PER_RUN);
            found.forEach(s -> submissions.save(handle, s.next(s.state(), now.plus(SubmitJob.IN_FLIGHT)), now));
            return found;
        });
        due.forEach(this::poll);
    }

    private void poll(SubmissionRepository.Stored submission) {
        Optional<LhdnAccount> account = accounts.of(submission.organizationId());
        if (account.isEmpty()) {
            again(submission, clock.instant().plus(Backoff.after(submission.attempts() + 1)));
            return;
        }
        LhdnResult<Submission> result = lhdn.submission(account.get(), submission.submissionUid().orElseThrow(), 1, Batches.MAX_DOCUMENTS);
        metrics.call("submission", result);
        Instant now = clock.instant();
        if (result instanceof LhdnResult.Throttled<Submission> throttled) {
            again(submission, throttled.until());
            return;
        }
        if (!(result instanceof LhdnResult.Accepted<Submission> accepted)) {
            again(submission, now.plus(Backoff.after(submission.attempts() + 1)));
            return;
        }
        int waiting = 0;
        var valid = new ArrayList<Decided>();
        for (EInvoiceRepository.Awaiting document : jdbi.withHandle(handle -> einvoices.awaitingValidation(handle, submission.id()))) {
            Optional<DocumentSummary> summary = accepted.value().documentSummary().stream()
                    .filter(s -> document.uuid().equals(s.uuid())).findFirst();
            if (summary.isEmpty() || summary.get().hasStatus("Submitted")) {
                waiting++;
            } else if (summary.get().hasStatus("Valid") || summary.get().hasStatus("Cancelled")) {
                valid.add(new Decided(document, summary.get()));
            } else if (summary.get().hasStatus("Invalid") && !invalid(submission, document, account.get())) {
                waiting++;
            }
        }
        valid(submission, valid, result.correlationId());
        if (waiting > 0) {
            again(submission, now.plus(Backoff.after(submission.attempts() + 1)));
        } else {
            jdbi.useTransaction(handle -> submissions.save(handle, submission.next(SubmissionRepository.DONE, now), now));
        }
    }

    private record Decided(EInvoiceRepository.Awaiting document, DocumentSummary summary) {
    }

    /** One transaction for the poll's Valid documents: a backlog's 100 a submission were 100 commits, each waiting for its flush. */
    private void valid(SubmissionRepository.Stored submission, List<Decided> valid, Optional<String> correlationId) {
        if (valid.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<EInvoice> recorded = jdbi.inTransaction(handle -> {
            var found = new ArrayList<EInvoice>();
            for (Decided decided : valid) {
                String id = decided.document().id();
                einvoices.valid(handle, id, decided.summary().longId(), decided.summary().validatedAt().orElse(now), now, correlationId);
                einvoices.find(handle, submission.organizationId(), id).ifPresent(e -> {
                    outcomes.valid(handle, e);
                    found.add(e);
                });
            }
            return found;
        });
        recorded.forEach(metrics::valid);
    }

    /** False when the errors could not be read yet (the document is then polled again). */
    private boolean invalid(SubmissionRepository.Stored submission, EInvoiceRepository.Awaiting document, LhdnAccount account) {
        LhdnResult<DocumentDetails> details = lhdn.details(account, document.uuid());
        metrics.call("details", details);
        if (!(details instanceof LhdnResult.Accepted<DocumentDetails> read)) {
            return false;
        }
        Instant now = clock.instant();
        var errors = LhdnErrors.of(read.value());
        String reason = "invalid at LHDN: " + LhdnErrors.summary(errors);
        jdbi.useTransaction(handle -> {
            // Its orders first, then the e-invoice: the order a refund of the order locks them in (OrderVersions).
            einvoices.find(handle, submission.organizationId(), document.id()).ifPresent(e -> outcomes.invalid(handle, e, reason));
            einvoices.invalid(handle, document.id(), errors, now, reason, details.correlationId());
        });
        return true;
    }

    private void again(SubmissionRepository.Stored submission, Instant at) {
        Instant now = clock.instant();
        var next = new SubmissionRepository.Stored(submission.id(), submission.organizationId(), submission.state(),
                submission.submissionUid(), submission.attempts() + 1, submission.unknownSince(), at, submission.createdAt());
        jdbi.useTransaction(handle -> submissions.save(handle, next, now));
    }
}
