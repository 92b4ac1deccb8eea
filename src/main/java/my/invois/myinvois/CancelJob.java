package my.invois.myinvois;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import my.invois.einvoices.EInvoiceRepository;
import org.jdbi.v3.core.Jdbi;

/** E8 job {@code cancel}: each asked cancellation done at LHDN (Cancel Document, 12 a minute per client ID), rescheduled on a 429. */
final class CancelJob {

    static final String NAME = "cancel";
    static final int PER_RUN = 12;

    private final Jdbi jdbi;
    private final MyInvois lhdn;
    private final Accounts accounts;
    private final EInvoiceRepository einvoices;
    private final EngineMetrics metrics;
    private final Clock clock;

    CancelJob(Jdbi jdbi, MyInvois lhdn, Accounts accounts, EInvoiceRepository einvoices, EngineMetrics metrics, Clock clock) {
        this.jdbi = jdbi;
        this.lhdn = lhdn;
        this.accounts = accounts;
        this.einvoices = einvoices;
        this.metrics = metrics;
        this.clock = clock;
    }

    void run() {
        Instant now = clock.instant();
        List<EInvoiceRepository.DueCancellation> due = jdbi.inTransaction(handle -> {
            List<EInvoiceRepository.DueCancellation> found = einvoices.dueCancellations(handle, now, PER_RUN);
            found.forEach(cancellation -> einvoices.cancelLater(handle, cancellation.id(), now.plus(SubmitJob.IN_FLIGHT)));
            return found;
        });
        due.forEach(this::cancel);
    }

    private void cancel(EInvoiceRepository.DueCancellation cancellation) {
        Optional<LhdnAccount> account = accounts.of(cancellation.organizationId());
        if (account.isEmpty()) {
            later(cancellation, clock.instant().plus(Backoff.LONGEST));
            return;
        }
        LhdnResult<CancelAnswer> result = lhdn.cancel(account.get(), cancellation.uuid(), cancellation.reason());
        metrics.call("cancel", result);
        Instant now = clock.instant();
        if (result instanceof LhdnResult.Accepted<CancelAnswer>) {
            jdbi.useTransaction(handle -> einvoices.cancelled(handle, cancellation.id(), now,
                    "cancelled at LHDN: " + cancellation.reason(), result.correlationId()));
        } else if (result instanceof LhdnResult.Throttled<CancelAnswer> throttled) {
            later(cancellation, throttled.until());
        } else if (result instanceof LhdnResult.Rejected<CancelAnswer> rejected && alreadyCancelled(account.get(), cancellation, rejected)) {
            jdbi.useTransaction(handle -> einvoices.cancelled(handle, cancellation.id(), now,
                    "cancelled at LHDN (an earlier unanswered call did it): " + cancellation.reason(), result.correlationId()));
        } else if (result instanceof LhdnResult.Rejected<CancelAnswer> rejected && rejected.status() != 401) {
            jdbi.useTransaction(handle -> einvoices.cancelRefused(handle, cancellation.id(), now, "cancellation refused by LHDN: "
                    + LhdnErrors.summary(LhdnErrors.of(rejected.error())), result.correlationId()));
        } else {
            later(cancellation, now.plus(Backoff.after(2)));
        }
    }

    /** After an unanswered cancel, LHDN refuses the repeat as IncorrectState: its details tell whether the first one did it. */
    private boolean alreadyCancelled(LhdnAccount account, EInvoiceRepository.DueCancellation cancellation, LhdnResult.Rejected<?> rejected) {
        if (!rejected.error().code().equals("IncorrectState")) {
            return false;
        }
        LhdnResult<DocumentDetails> details = lhdn.details(account, cancellation.uuid());
        metrics.call("details", details);
        return details instanceof LhdnResult.Accepted<DocumentDetails> read && "Cancelled".equalsIgnoreCase(read.value().status());
    }

    private void later(EInvoiceRepository.DueCancellation cancellation, Instant at) {
        jdbi.useTransaction(handle -> einvoices.cancelLater(handle, cancellation.id(), at));
    }
}
