package my.invois.einvoices.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import my.invois.lhdn.CodeTable;

/** The document's tax summary (TaxTotal per tax type) and its LegalMonetaryTotal, in reading order. */
final class TotalsReader {

    private TotalsReader() {
    }

    static List<Copy.TaxRow> taxes(JsonNode invoice) {
        var rows = new ArrayList<Copy.TaxRow>();
        for (JsonNode subtotal : invoice.at("/TaxTotal/0/TaxSubtotal")) {
            String type = Fields.text(subtotal, "/TaxCategory/0/ID/0/_");
            rows.add(new Copy.TaxRow(type + " " + CodeTable.TAX_TYPES.description(type).orElse(""),
                    Fields.money(subtotal, "/TaxableAmount/0/_"), Fields.money(subtotal, "/TaxAmount/0/_")));
        }
        return rows;
    }

    static List<Copy.Total> totals(JsonNode invoice) {
        JsonNode total = invoice.at("/LegalMonetaryTotal/0");
        var totals = new ArrayList<Copy.Total>();
        add(totals, "Subtotal", total, "LineExtensionAmount");
        for (JsonNode adjustment : invoice.path("AllowanceCharge")) {
            boolean charge = adjustment.at("/ChargeIndicator/0/_").asBoolean();
            String reason = Fields.text(adjustment, "/AllowanceChargeReason/0/_");
            totals.add(new Copy.Total((charge ? "Charge" : "Discount") + (reason.isEmpty() ? "" : ": " + reason),
                    (charge ? "+" : "−") + Fields.money(adjustment, "/Amount/0/_"), false));
        }
        add(totals, "Total excluding tax", total, "TaxExclusiveAmount");
        totals.add(new Copy.Total("Tax", Fields.money(invoice, "/TaxTotal/0/TaxAmount/0/_"), false));
        add(totals, "Total including tax", total, "TaxInclusiveAmount");
        add(totals, "Prepaid", total, "PrepaidAmount");
        add(totals, "Rounding", total, "PayableRoundingAmount");
        String payable = Fields.money(total, "/PayableAmount/0/_");
        totals.add(new Copy.Total("Payable", payable, true));
        return totals;
    }

    private static void add(List<Copy.Total> totals, String label, JsonNode total, String element) {
        String amount = Fields.money(total, "/" + element + "/0/_");
        if (!amount.isEmpty()) {
            totals.add(new Copy.Total(label, amount, false));
        }
    }
}
