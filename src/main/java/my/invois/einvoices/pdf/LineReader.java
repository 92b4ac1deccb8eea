package my.invois.einvoices.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One InvoiceLine as a row of the lines table. */
final class LineReader {

    private static final List<String> EACH = List.of("", "C62", "EA", "H87");

    private LineReader() {
    }

    static Copy.Line read(JsonNode line) {
        return new Copy.Line(Fields.text(line, "/ID/0/_"), Fields.text(line, "/Item/0/Description/0/_"),
                classification(line), quantity(line), Fields.money(line, "/Price/0/PriceAmount/0/_"),
                adjustments(line), taxes(line), Fields.money(line, "/TaxTotal/0/TaxAmount/0/_"),
                Fields.money(line, "/LineExtensionAmount/0/_"));
    }

    private static String classification(JsonNode line) {
        var codes = new ArrayList<String>();
        for (JsonNode code : line.at("/Item/0/CommodityClassification")) {
            if ("CLASS".equals(Fields.text(code, "/ItemClassificationCode/0/listID"))) {
                codes.add(Fields.text(code, "/ItemClassificationCode/0/_"));
            }
        }
        return String.join(", ", codes);
    }

    private static String quantity(JsonNode line) {
        String quantity = Fields.number(line, "/InvoicedQuantity/0/_").map(Amounts::quantity).orElse("");
        String unit = Fields.text(line, "/InvoicedQuantity/0/unitCode");
        return EACH.contains(unit) ? quantity : quantity + " " + unit;
    }

    /** Discounts as −amount, charges as +amount, each with its rate when LHDN holds one. */
    private static List<String> adjustments(JsonNode line) {
        var adjustments = new ArrayList<String>();
        for (JsonNode adjustment : line.path("AllowanceCharge")) {
            String sign = adjustment.at("/ChargeIndicator/0/_").asBoolean() ? "+" : "−";
            String amount = sign + Fields.money(adjustment, "/Amount/0/_");
            String rate = Fields.number(adjustment, "/MultiplierFactorNumeric/0/_")
                    .map(factor -> " (" + Amounts.percent(factor.movePointRight(2)) + ")").orElse("");
            adjustments.add(amount + rate);
        }
        return adjustments;
    }

    private static List<String> taxes(JsonNode line) {
        var taxes = new ArrayList<String>();
        for (JsonNode subtotal : line.at("/TaxTotal/0/TaxSubtotal")) {
            String type = Fields.text(subtotal, "/TaxCategory/0/ID/0/_");
            String rate = Fields.number(subtotal, "/Percent/0/_").map(Amounts::percent)
                    .or(() -> Fields.number(subtotal, "/PerUnitAmount/0/_").map(amount -> Amounts.money(amount) + "/unit"))
                    .orElse("");
            taxes.add((type + " " + rate).strip());
        }
        return taxes;
    }
}
