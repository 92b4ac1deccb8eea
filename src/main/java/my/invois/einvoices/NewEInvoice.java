package my.invois.einvoices;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * An e-invoice to store, as a draft: with its exact bytes and issue time when its document could
 * be built, without them for a note whose original has no LHDN UUID yet. reason goes to the history.
 */
public record NewEInvoice(String organizationId, String number, String type, boolean consolidated,
        Optional<String> originalId, String month, JsonNode buyer, String currency, EInvoiceTotals totals,
        JsonNode lines, Optional<byte[]> document, Optional<Instant> issuedAt, long orderId, String reason) {
}
