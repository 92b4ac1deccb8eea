package my.invois.myinvois;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One document as Get Submission's documentSummary[] and Search's result[] give it (reference
 * §2.4). Times stay LHDN's text; {@link #validatedAt()} reads the one the engine needs (the
 * 72-hour cancel window). {@code longId} is empty unless the document is Valid.
 */
public record DocumentSummary(
        String uuid,
        String submissionUid,
        String longId,
        String internalId,
        String typeName,
        String typeVersionName,
        String issuerTin,
        String receiverId,
        String dateTimeIssued,
        String dateTimeReceived,
        String dateTimeValidated,
        BigDecimal totalPayableAmount,
        String status,
        String cancelDateTime,
        String documentStatusReason) {

    public Optional<Instant> validatedAt() {
        try {
            return Optional.ofNullable(dateTimeValidated).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Compared as LHDN's documents advise: whatever the case. */
    public boolean hasStatus(String expected) {
        return status != null && status.equalsIgnoreCase(expected);
    }
}
