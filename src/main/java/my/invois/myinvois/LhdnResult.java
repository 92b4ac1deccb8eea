package my.invois.myinvois;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one LHDN call came to, as a value the engine acts on; no LHDN answer is an exception.
 * {@code correlationId} is LHDN's, to keep with the state change and to quote to LHDN support.
 */
public sealed interface LhdnResult<T> {

    Optional<String> correlationId();

    /** A 2xx answer, parsed. */
    record Accepted<T>(T value, Optional<String> correlationId) implements LhdnResult<T> {
    }

    /** A 4xx with LHDN's reasons (401 only after one fresh login was refused too). Resending unchanged is pointless. */
    record Rejected<T>(int status, LhdnError error, Optional<String> correlationId) implements LhdnResult<T> {
    }

    /** 422 DuplicateSubmission: the same bytes arrived within 10 minutes, which proves an earlier send arrived. */
    record Duplicate<T>(Duration retryAfter, LhdnError error, Optional<String> correlationId) implements LhdnResult<T> {
    }

    /** A 429 from LHDN, or Invois's own budget spent: call again at {@code until}, not before. */
    record Throttled<T>(Instant until, Optional<String> correlationId) implements LhdnResult<T> {
    }

    /** Nothing changed at LHDN (5xx, refused connection, a read that timed out): try again later. */
    record Transient<T>(String reason, Optional<String> correlationId) implements LhdnResult<T> {
    }

    /** A state-changing call sent, then no readable answer: LHDN may hold it. Resend the same bytes or search. */
    record Unknown<T>(String reason, Optional<String> correlationId) implements LhdnResult<T> {
    }

    /** This failure as the result of a call with another value type; an Accepted result has no such view. */
    @SuppressWarnings("unchecked")
    default <U> LhdnResult<U> failure() {
        if (this instanceof Accepted) {
            throw new IllegalStateException("an accepted result is not a failure");
        }
        return (LhdnResult<U>) this;
    }
}
