package my.invois.einvoices.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import my.invois.einvoices.document.UblJson;
import my.invois.lhdn.CodeTable;

/** Reads a buyer's copy from the LHDN document itself: the signed UBL JSON as stored and submitted. */
final class CopyReader {

    static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'MYT'", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);

    private CopyReader() {
    }

    static Copy read(byte[] document) {
        JsonNode invoice = invoice(document);
        String type = Fields.text(invoice, "/InvoiceTypeCode/0/_");
        var lines = new ArrayList<Copy.Line>();
        for (JsonNode line : invoice.path("InvoiceLine")) {
            lines.add(LineReader.read(line));
        }
        return new Copy(CodeTable.E_INVOICE_TYPES.description(type).orElse("e-Invoice " + type),
                Fields.text(invoice, "/ID/0/_"), issued(invoice), Fields.text(invoice, "/DocumentCurrencyCode/0/_"),
                references(invoice), PartyReader.read(invoice.at("/AccountingSupplierParty/0/Party/0")),
                PartyReader.read(invoice.at("/AccountingCustomerParty/0/Party/0")), lines, TotalsReader.taxes(invoice),
                TotalsReader.totals(invoice));
    }

    static String moment(OffsetDateTime at) {
        return LOCAL.format(at.atZoneSameInstant(MALAYSIA)) + " (" + UTC.format(at.withOffsetSameInstant(ZoneOffset.UTC)) + ")";
    }

    private static JsonNode invoice(byte[] document) {
        try {
            JsonNode invoice = UblJson.read(document).path("Invoice").path(0);
            if (!invoice.isObject()) {
                throw new IllegalArgumentException("not an LHDN document: no Invoice element");
            }
            return invoice;
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("not an LHDN document: not JSON", e);
        }
    }

    /** LHDN holds the issue time in UTC (IssueTime "00:30:00Z"); the copy shows Malaysian time and notes UTC. */
    private static String issued(JsonNode invoice) {
        String date = Fields.text(invoice, "/IssueDate/0/_");
        String time = Fields.text(invoice, "/IssueTime/0/_");
        try {
            return moment(OffsetDateTime.of(LocalDate.parse(date), OffsetTime.parse(time).toLocalTime(),
                    OffsetTime.parse(time).getOffset()));
        } catch (DateTimeParseException e) {
            return (date + " " + time).strip();
        }
    }

    private static List<String> references(JsonNode invoice) {
        var references = new ArrayList<String>();
        for (JsonNode reference : invoice.path("BillingReference")) {
            JsonNode original = reference.at("/InvoiceDocumentReference/0");
            if (!original.isMissingNode()) {
                String uuid = Fields.text(original, "/UUID/0/_");
                references.add("Original document: " + Fields.text(original, "/ID/0/_") + (uuid.isEmpty() ? "" : ", UUID " + uuid));
            }
        }
        JsonNode period = invoice.at("/InvoicePeriod/0");
        if (!period.isMissingNode()) {
            references.add(("Billing period: " + Fields.text(period, "/StartDate/0/_") + " to "
                    + Fields.text(period, "/EndDate/0/_") + " " + Fields.text(period, "/Description/0/_")).strip());
        }
        return references;
    }
}
