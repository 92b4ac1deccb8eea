package my.invois.einvoices;

import java.util.Optional;

/** E8 list filters; each absent one matches every e-invoice. */
record EInvoiceFilter(String organizationId, Optional<String> status, Optional<String> type, Optional<String> month,
        Optional<Long> orderId) {
}
