package my.invois.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** A document as the simulator keeps it, without its bytes. */
record StoredDocument(String uuid, String submissionUid, String codeNumber, String clientId, Optional<String> clientTin, String taxpayerTin,
                      DocumentFacts facts, String status, Optional<String> longId, Optional<String> validation,
                      Instant receivedAt, Optional<Instant> validatedAt, Optional<Instant> cancelledAt,
                      Optional<String> cancelReason) {

    static final String SUBMITTED = "Submitted";
    static final String VALID = "Valid";
    static final String INVALID = "Invalid";
    static final String CANCELLED = "Cancelled";

    BigDecimal totalPayable() {
        return facts.totalPayable();
    }
}
