package my.invois.orders;

import java.util.List;

/** An order's e-invoice status (E3) and why. */
record Classified(String status, String reason) {

    static final String PENDING = "pending";
    static final String CONSOLIDATING = "consolidating";
    static final String INDIVIDUAL = "individual";
    static final String NEEDS_BUYER_DETAILS = "needs-buyer-details";
    /** E7: covered by its month's consolidated e-invoice. */
    static final String CONSOLIDATED = "consolidated";
    static final String EXCLUDED = "excluded";
    static final String FAILED = "failed";
    static final List<String> STATUSES = List.of(PENDING, CONSOLIDATING, CONSOLIDATED, INDIVIDUAL, NEEDS_BUYER_DETAILS, EXCLUDED, FAILED);
}
