package my.invois.einvoices.pdf;

import java.time.Instant;
import java.util.Objects;

/** What LHDN returned for a Valid document (reference §1.13): the validation link is {portal}/{uuid}/share/{longId}. */
public record LhdnIdentity(String uuid, String longId, String validationUrl, Instant validatedAt) {

    public LhdnIdentity {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(longId, "longId");
        Objects.requireNonNull(validationUrl, "validationUrl");
        Objects.requireNonNull(validatedAt, "validatedAt");
    }
}
