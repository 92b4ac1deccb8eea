package my.invois.einvoices;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One stored LHDN document of any type (E8), without its bytes; orderIds are Shopify order ids. */
public record EInvoice(
        String id,
        String organizationId,
        String number,
        String type,
        boolean consolidated,
        String status,
        Optional<String> originalId,
        String month,
        JsonNode buyer,
        String currency,
        EInvoiceTotals totals,
        JsonNode lines,
        Optional<String> submissionUid,
        Optional<String> uuid,
        Optional<String> longId,
        JsonNode errors,
        Optional<Instant> issuedAt,
        Optional<Instant> submittedAt,
        Optional<Instant> validatedAt,
        Optional<Instant> cancelledAt,
        Instant createdAt,
        Instant updatedAt,
        List<Long> orderIds) {

    public static final String DRAFT = "draft";
    public static final String QUEUED = "queued";
    public static final String SUBMITTED = "submitted";
    public static final String VALID = "valid";
    public static final String INVALID = "invalid";
    public static final String CANCELLED = "cancelled";
    public static final List<String> STATUSES = List.of(DRAFT, QUEUED, SUBMITTED, VALID, INVALID, CANCELLED);
    /** LHDN: the issuer may cancel a document only within 72 hours of its validation (SDK Cancel Document; E5, E8). */
    public static final Duration CANCEL_WINDOW = Duration.ofHours(72);
    public static final int MAX_CANCEL_REASON = 300;
    public static final List<String> TYPES = List.of("01", "02", "03", "04");

    public EInvoice {
        orderIds = List.copyOf(orderIds);
    }

    /** Valid, and LHDN's 72 hours since validation not over at {@code now}. */
    public boolean cancellableAtLhdn(Instant now) {
        return status.equals(VALID) && validatedAt.map(at -> now.isBefore(at.plus(CANCEL_WINDOW))).orElse(false);
    }
}
