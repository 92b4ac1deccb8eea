package my.invois.myinvois;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.QueuedDocument;
import org.jdbi.v3.core.Jdbi;

/**
 * E6 job {@code submit}: drafts become queued; each run sends at most one batch per issuer
 * ({@link #SENDERS} at once), issuers in order of their oldest queued document (round-robin, so one
 * merchant's backlog never holds back another's invoice), and resends or searches for the
 * submissions that are due. The submission and its documents are committed BEFORE Submit
 * Documents is called.
 */
final class SubmitJob {

    static final String NAME = "submit";
    /** LHDN's duplicate window is 10 minutes (reference §2.8); resends stop a minute short of it. */
    static final Duration RESEND_WINDOW = Duration.ofMinutes(9);
    /** A call still unanswered after this has ended one way or the other (the request timeout is far shorter). */
    static final Duration IN_FLIGHT = Duration.ofMinutes(2);
    /** LHDN's search may not list a document the moment it is accepted. */
    static final Duration SEARCH_AGAIN = Duration.ofSeconds(5);
    static final int ISSUERS_PER_RUN = 20;
    /** Batches in flight at once, each its own issuer's: one at a time, LHDN's answer time caps a minute at 60 s / that time. */
    static final int SENDERS = 4;
    static final int RESENDS_PER_RUN = 20;
    /** As many as one run can send, so that a backlog's batches are whole from the first run. */
    static final int QUEUED_PER_RUN = ISSUERS_PER_RUN * Batches.MAX_DOCUMENTS;

    private final Jdbi jdbi;
    private final MyInvois lhdn;
    private final Accounts accounts;
    private final EInvoiceRepository einvoices;
    private final SubmissionRepository submissions;
    private final EngineMetrics metrics;
    private final Clock clock;

    SubmitJob(Jdbi jdbi, MyInvois lhdn, Accounts accounts, EInvoiceRepository einvoices, SubmissionRepository submissions,
            EngineMetrics metrics, Clock clock) {
        this.jdbi = jdbi;
        this.lhdn = lhdn;
        this.accounts = accounts;
        this.einvoices = einvoices;
        this.submissions = submissions;
        this.metrics = metrics;
        this.clock = clock;
    }

    void run() {
        jdbi.useTransaction(handle -> einvoices.queueDrafts(handle, clock.instant(), QUEUED_PER_RUN));
        Instant now = clock.instant();
        List<SubmissionRepository.Stored> due = jdbi.inTransaction(handle -> {
            List<SubmissionRepository.Stored> found = submissions.dueToSend(handle, now, RESENDS_PER_RUN);
            // Taken by this run: due again only once this run's call is surely over. A retry becomes
            // 'sending' first, so that a crash during its call is resumed as an unknown outcome.
            found.forEach(submission -> submissions.save(handle, submission.next(submission.state().equals(SubmissionRepository.RETRY)
                    ? SubmissionRepository.SENDING : submission.state(), now.plus(IN_FLIGHT)), now));
            return found;
        });
        due.forEach(this::resume);
        sendNewBatches(jdbi.withHandle(handle -> einvoices.queuedIssuers(handle, ISSUERS_PER_RUN)));
        metrics.recount(jdbi);
    }

    /** Each issuer's new batch, {@link #SENDERS} at once; the run ends when every one has, with the first failure if any. */
    private void sendNewBatches(List<String> issuers) {
        if (issuers.isEmpty()) {
            return;
        }
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(SENDERS, issuers.size()),
                runnable -> new Thread(runnable, "submit-sender"));
        try {
            List<Future<?>> batches = issuers.stream().<Future<?>>map(issuer -> senders.submit(() -> newBatch(issuer))).toList();
            Optional<Throwable> failure = Optional.empty();
            for (Future<?> batch : batches) {
                try {
                    batch.get();
                } catch (ExecutionException e) {
                    failure = failure.or(() -> Optional.of(e.getCause()));
                }
            }
            if (failure.isPresent()) {
                throw new IllegalStateException("a new batch failed", failure.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        } finally {
            senders.shutdown();
        }
    }

    private void newBatch(String organizationId) {
        Optional<LhdnAccount> account = accounts.of(organizationId);
        // A batch claimed while the submit budget is spent would wait for the next minute attached, at the size it has now.
        if (account.isEmpty() || lhdn.closedUntil(account.get(), LhdnApi.SUBMIT).isPresent()) {
            return;
        }
        Instant now = clock.instant();
        Optional<Sent> sent = jdbi.inTransaction(handle -> {
            Batches.Batch batch = Batches.of(einvoices.claimQueued(handle, organizationId, Batches.MAX_DOCUMENTS));
            for (QueuedDocument large : batch.tooLarge()) {
                einvoices.invalid(handle, large.id(), LhdnErrors.local("MaximumSizeExceeded", "The document is "
                        + large.bytes().length + " bytes, over LHDN's 300 KB (307,200 bytes); it was never sent"), now,
                        "over LHDN's 300 KB per document: never sent", Optional.empty());
            }
            if (batch.send().isEmpty()) {
                return Optional.<Sent>empty();
            }
            SubmissionRepository.Stored submission = submissions.create(handle, organizationId, now, now.plus(IN_FLIGHT));
            einvoices.attach(handle, batch.send().stream().map(QueuedDocument::id).toList(), submission.id(), now);
            return Optional.of(new Sent(submission, batch.send()));
        });
        sent.ifPresent(batch -> send(batch.submission(), batch.documents(), account.get()));
    }

    private record Sent(SubmissionRepository.Stored submission, List<QueuedDocument> documents) {
    }

    private void resume(SubmissionRepository.Stored submission) {
        Optional<LhdnAccount> account = accounts.of(submission.organizationId());
        Instant now = clock.instant();
        if (account.isEmpty()) {
            later(submission, submission.state(), Backoff.after(submission.attempts()));
            return;
        }
        List<QueuedDocument> documents = jdbi.withHandle(handle -> einvoices.ofSubmission(handle, submission.id()));
        if (documents.isEmpty()) {
            finish(submission, now);
            return;
        }
        SubmissionRepository.Stored current = submission;
        if (current.state().equals(SubmissionRepository.SENDING)) {
            // A crash during the call: the send may have arrived.
            current = withUnknown(current, current.unknownSince().orElse(now.minus(IN_FLIGHT)));
        }
        boolean mayResend = current.unknownSince().map(since -> now.isBefore(since.plus(RESEND_WINDOW))).orElse(true);
        if (current.state().equals(SubmissionRepository.SEARCHING) || !mayResend) {
            search(current, documents, account.get());
        } else {
            send(current, documents, account.get());
        }
    }

    /** The same bytes in the same order every time: a resend LHDN already holds is a 422 duplicate, never a second document. */
    private void send(SubmissionRepository.Stored submission, List<QueuedDocument> documents, LhdnAccount account) {
        List<SubmittedDocument> entries = documents.stream().map(d -> new SubmittedDocument(d.number(), d.bytes())).toList();
        LhdnResult<SubmissionAnswer> result = lhdn.submit(account, entries);
        metrics.call("submit", result);
        Instant now = clock.instant();
        boolean mayHaveArrived = submission.unknownSince().isPresent();
        String retry = mayHaveArrived ? SubmissionRepository.UNKNOWN : SubmissionRepository.RETRY;
        int attempts = submission.attempts() + 1;
        if (result instanceof LhdnResult.Accepted<SubmissionAnswer> accepted) {
            accepted(submission, documents, accepted.value(), result.correlationId());
        } else if (result instanceof LhdnResult.Duplicate<SubmissionAnswer>) {
            save(withUnknown(submission, submission.unknownSince().orElse(now)).next(SubmissionRepository.SEARCHING, now), attempts);
        } else if (result instanceof LhdnResult.Throttled<SubmissionAnswer> throttled) {
            save(submission.next(retry, throttled.until()), attempts);
        } else if (result instanceof LhdnResult.Unknown<SubmissionAnswer>) {
            save(withUnknown(submission, submission.unknownSince().orElse(now)).next(SubmissionRepository.UNKNOWN,
                    now.plus(Backoff.after(attempts))), attempts);
        } else if (result instanceof LhdnResult.Rejected<SubmissionAnswer> rejected && rejected.status() != 401) {
            refused(submission, documents, rejected);
        } else {
            save(submission.next(retry, now.plus(Backoff.after(attempts))), attempts);
        }
    }

    private void accepted(SubmissionRepository.Stored submission, List<QueuedDocument> documents, SubmissionAnswer answer,
            Optional<String> correlationId) {
        Instant now = clock.instant();
        Map<String, String> ids = new HashMap<>();
        documents.forEach(document -> ids.put(document.number(), document.id()));
        Map<String, String> uuids = new LinkedHashMap<>();
        for (SubmissionAnswer.AcceptedDocument document : answer.acceptedDocuments()) {
            Optional.ofNullable(ids.get(document.invoiceCodeNumber())).ifPresent(id -> uuids.put(id, document.uuid()));
        }
        jdbi.useTransaction(handle -> {
            einvoices.submitted(handle, uuids, answer.submissionUid(), now, "accepted by LHDN in submission " + answer.submissionUid(),
                    correlationId);
            for (SubmissionAnswer.RejectedDocument document : answer.rejectedDocuments()) {
                Optional.ofNullable(ids.get(document.invoiceCodeNumber())).ifPresent(id -> {
                    var errors = LhdnErrors.of(document.error());
                    einvoices.invalid(handle, id, errors, now, "rejected by LHDN at submission: " + LhdnErrors.summary(errors),
                            correlationId);
                });
            }
            SubmissionRepository.Stored next = answer.uid()
                    .map(uid -> new SubmissionRepository.Stored(submission.id(), submission.organizationId(),
                            SubmissionRepository.POLLING, Optional.of(uid), 0, submission.unknownSince(),
                            now.plus(Backoff.FIRST_POLL), submission.createdAt()))
                    .orElse(submission.next(SubmissionRepository.DONE, now));
            submissions.save(handle, next, now);
        });
    }

    private void refused(SubmissionRepository.Stored submission, List<QueuedDocument> documents, LhdnResult.Rejected<?> rejected) {
        Instant now = clock.instant();
        var errors = LhdnErrors.of(rejected.error());
        jdbi.useTransaction(handle -> {
            for (QueuedDocument document : documents) {
                einvoices.invalid(handle, document.id(), errors, now, "submission refused by LHDN (" + rejected.status() + "): "
                        + LhdnErrors.summary(errors), rejected.correlationId());
            }
            submissions.save(handle, submission.next(SubmissionRepository.DONE, now), now);
        });
    }

    /** Unknown outcome past the resend window, or a duplicate: LHDN holds what arrived; find each document by its internal ID. */
    private void search(SubmissionRepository.Stored submission, List<QueuedDocument> documents, LhdnAccount account) {
        Optional<String> uid = Optional.empty();
        int found = 0;
        for (QueuedDocument document : documents) {
            Instant now = clock.instant();
            LhdnResult<SearchPage> result = lhdn.search(account, document.number(), submission.createdAt().minus(Duration.ofMinutes(5)),
                    now.plus(Duration.ofMinutes(1)), 1);
            metrics.call("search", result);
            if (result instanceof LhdnResult.Throttled<SearchPage> throttled) {
                save(submission.next(submission.state(), throttled.until()), submission.attempts());
                return;
            }
            if (!(result instanceof LhdnResult.Accepted<SearchPage> page)) {
                save(submission.next(submission.state(), now.plus(Backoff.after(submission.attempts() + 1))), submission.attempts() + 1);
                return;
            }
            Optional<DocumentSummary> summary = page.value().result().stream()
                    .filter(s -> document.number().equals(s.internalId()) && !s.hasStatus("Invalid")).findFirst();
            if (summary.isPresent()) {
                found++;
                uid = Optional.of(summary.get().submissionUid());
                String uuid = summary.get().uuid();
                String submissionUid = summary.get().submissionUid();
                jdbi.useTransaction(handle -> einvoices.submitted(handle, document.id(), submissionUid, uuid, now,
                        "found at LHDN by its internal ID after an unanswered submission", result.correlationId()));
            }
        }
        Instant now = clock.instant();
        if (found == documents.size()) {
            save(new SubmissionRepository.Stored(submission.id(), submission.organizationId(), SubmissionRepository.POLLING, uid, 0,
                    submission.unknownSince(), now.plus(Backoff.FIRST_POLL), submission.createdAt()), 0);
        } else if (submission.state().equals(SubmissionRepository.SEARCHING) || found > 0) {
            save(submission.next(SubmissionRepository.SEARCHING, now.plus(SEARCH_AGAIN)), submission.attempts() + 1);
        } else {
            // Past LHDN's duplicate window and not found: nothing arrived. The same bytes again, as a fresh send.
            save(new SubmissionRepository.Stored(submission.id(), submission.organizationId(), SubmissionRepository.RETRY,
                    Optional.empty(), submission.attempts(), Optional.empty(), now, submission.createdAt()), submission.attempts());
        }
    }

    private void finish(SubmissionRepository.Stored submission, Instant now) {
        jdbi.useTransaction(handle -> submissions.save(handle, submission.next(SubmissionRepository.DONE, now), now));
    }

    private void later(SubmissionRepository.Stored submission, String state, Duration delay) {
        save(submission.next(state, clock.instant().plus(delay)), submission.attempts() + 1);
    }

    private void save(SubmissionRepository.Stored submission, int attempts) {
        Instant now = clock.instant();
        var stored = new SubmissionRepository.Stored(submission.id(), submission.organizationId(), submission.state(),
                submission.submissionUid(), attempts, submission.unknownSince(), submission.nextAt(), submission.createdAt());
        jdbi.useTransaction(handle -> submissions.save(handle, stored, now));
    }

    private static SubmissionRepository.Stored withUnknown(SubmissionRepository.Stored submission, Instant since) {
        return new SubmissionRepository.Stored(submission.id(), submission.organizationId(), submission.state(),
                submission.submissionUid(), submission.attempts(), Optional.of(since), submission.nextAt(), submission.createdAt());
    }
}
