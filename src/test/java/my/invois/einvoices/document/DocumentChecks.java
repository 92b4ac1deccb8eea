package my.invois.einvoices.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import my.invois.lhdn.CodeTable;

/** Checks of a built document against LHDN's samples, code tables, lengths and mathematical mappings. */
final class DocumentChecks {

    static final List<String> MANDATORY = List.of("ID", "IssueDate", "IssueTime", "InvoiceTypeCode@listVersionID",
            "DocumentCurrencyCode", "AccountingSupplierParty.Party.IndustryClassificationCode@name",
            "AccountingSupplierParty.Party.PartyIdentification.ID@schemeID",
            "AccountingSupplierParty.Party.PostalAddress.AddressLine.Line",
            "AccountingSupplierParty.Party.PostalAddress.CityName",
            "AccountingSupplierParty.Party.PostalAddress.CountrySubentityCode",
            "AccountingSupplierParty.Party.PostalAddress.Country.IdentificationCode@listAgencyID",
            "AccountingSupplierParty.Party.PartyLegalEntity.RegistrationName",
            "AccountingSupplierParty.Party.Contact.Telephone",
            "AccountingCustomerParty.Party.PartyIdentification.ID@schemeID",
            "AccountingCustomerParty.Party.PostalAddress.CityName",
            "AccountingCustomerParty.Party.PartyLegalEntity.RegistrationName",
            "AccountingCustomerParty.Party.Contact.Telephone", "TaxTotal.TaxAmount@currencyID",
            "TaxTotal.TaxSubtotal.TaxAmount", "TaxTotal.TaxSubtotal.TaxCategory.ID",
            "TaxTotal.TaxSubtotal.TaxCategory.TaxScheme.ID@schemeAgencyID",
            "LegalMonetaryTotal.TaxExclusiveAmount", "LegalMonetaryTotal.TaxInclusiveAmount",
            "LegalMonetaryTotal.PayableAmount", "InvoiceLine.Item.CommodityClassification.ItemClassificationCode@listID",
            "InvoiceLine.Item.Description", "InvoiceLine.Price.PriceAmount", "InvoiceLine.TaxTotal.TaxAmount",
            "InvoiceLine.TaxTotal.TaxSubtotal.TaxCategory.ID", "InvoiceLine.ItemPriceExtension.Amount",
            "InvoiceLine.LineExtensionAmount");
    private static final Pattern MINIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

    private DocumentChecks() {
    }

    static JsonNode sample(String name) {
        try (InputStream in = DocumentChecks.class.getResourceAsStream("/lhdn/samples/" + name)) {
            return UblJson.read(in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every element path of Invoice[0] with its kind ("path", "path@attribute", "path=number"), signature blocks left out. */
    static TreeSet<String> paths(JsonNode document) {
        var paths = new TreeSet<String>();
        JsonNode invoice = document.get("Invoice").get(0);
        invoice.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("UBLExtensions") && !e.getKey().equals("Signature")) {
                collect(e.getValue(), e.getKey(), paths);
            }
        });
        return paths;
    }

    private static void collect(JsonNode array, String path, TreeSet<String> paths) {
        assertThat(array.isArray()).as(path + " is an array").isTrue();
        paths.add(path);
        for (JsonNode item : array) {
            item.fields().forEachRemaining(e -> {
                if (e.getKey().equals("_")) {
                    paths.add(path + "=" + e.getValue().getNodeType());
                } else if (e.getValue().isArray()) {
                    collect(e.getValue(), path + "." + e.getKey(), paths);
                } else {
                    paths.add(path + "@" + e.getKey());
                }
            });
        }
    }

    static void hasMandatoryFields(JsonNode document) {
        assertThat(paths(document)).containsAll(MANDATORY);
    }

    static void codesAreInTheirTables(JsonNode document) {
        JsonNode invoice = document.get("Invoice").get(0);
        assertThat(CodeTable.E_INVOICE_TYPES.contains(value(invoice, "InvoiceTypeCode"))).isTrue();
        assertThat(CodeTable.CURRENCIES.contains(value(invoice, "DocumentCurrencyCode"))).isTrue();
        each(invoice, "", (path, node) -> {
            String text = node.path("_").asText();
            switch (path.substring(path.lastIndexOf('.') + 1)) {
                case "CountrySubentityCode" -> assertThat(CodeTable.STATES.contains(text)).as(path + " " + text).isTrue();
                case "IdentificationCode" -> assertThat(CodeTable.COUNTRIES.contains(text)).as(path + " " + text).isTrue();
                case "IndustryClassificationCode" -> assertThat(CodeTable.MSIC.contains(text)).as(text).isTrue();
                case "ItemClassificationCode" -> assertThat(CodeTable.CLASSIFICATIONS.contains(text)).as(text).isTrue();
                case "InvoicedQuantity" -> assertThat(CodeTable.UNITS.contains(node.path("unitCode").asText())).isTrue();
                default -> {
                    if (path.endsWith("TaxCategory.ID")) {
                        assertThat(CodeTable.TAX_TYPES.contains(text)).as(path + " " + text).isTrue();
                    }
                }
            }
        });
    }

    static void lengthsAreWithinLimits(JsonNode document) {
        Map<String, Integer> limits = Map.of("Description", 300, "RegistrationName", 300, "Line", 150, "CityName", 50,
                "AllowanceChargeReason", 300, "Telephone", 20, "ElectronicMail", 320);
        JsonNode invoice = document.get("Invoice").get(0);
        assertThat(value(invoice, "ID")).matches("[A-Za-z0-9]{1,50}");
        each(invoice, "", (path, node) -> {
            Integer limit = limits.get(path.substring(path.lastIndexOf('.') + 1));
            if (limit != null) {
                String text = node.path("_").asText();
                assertThat(text.codePointCount(0, text.length())).as(path).isLessThanOrEqualTo(limit);
            }
        });
    }

    static void numbersAreMinimal(byte[] bytes) {
        each(UblJson.read(bytes), "", (path, node) -> {
            if (node.path("_").isNumber()) {
                assertThat(node.path("_").decimalValue().toPlainString()).as(path).matches(MINIMAL);
            }
        });
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).doesNotContainPattern(":-?[0-9.]+[eE]")
                .doesNotContain("\\u");
    }

    /** SDK mathematical mappings, recomputed from the document's own numbers. */
    static BigDecimal totalsFollowTheMappings(JsonNode document) {
        JsonNode invoice = document.get("Invoice").get(0);
        BigDecimal lineSum = BigDecimal.ZERO;
        BigDecimal taxSum = BigDecimal.ZERO;
        for (JsonNode line : invoice.get("InvoiceLine")) {
            BigDecimal subtotal = number(line, "ItemPriceExtension", "Amount");
            assertThat(number(line, "Price", "PriceAmount").multiply(number(line, "InvoicedQuantity")))
                    .isEqualByComparingTo(subtotal);
            BigDecimal allowances = BigDecimal.ZERO;
            for (JsonNode a : line.path("AllowanceCharge")) {
                BigDecimal amount = number(a, "Amount");
                allowances = a.get("ChargeIndicator").get(0).get("_").booleanValue() ? allowances.subtract(amount) : allowances.add(amount);
            }
            BigDecimal extension = number(line, "LineExtensionAmount");
            assertThat(subtotal.subtract(allowances)).isEqualByComparingTo(extension);
            BigDecimal lineTax = BigDecimal.ZERO;
            for (JsonNode s : line.get("TaxTotal").get(0).get("TaxSubtotal")) {
                lineTax = lineTax.add(number(s, "TaxAmount"));
            }
            assertThat(number(line, "TaxTotal", "TaxAmount")).isEqualByComparingTo(lineTax);
            lineSum = lineSum.add(extension);
            taxSum = taxSum.add(lineTax);
        }
        BigDecimal subtotalTax = BigDecimal.ZERO;
        for (JsonNode s : invoice.get("TaxTotal").get(0).get("TaxSubtotal")) {
            subtotalTax = subtotalTax.add(number(s, "TaxAmount"));
        }
        assertThat(number(invoice, "TaxTotal", "TaxAmount")).isEqualByComparingTo(taxSum).isEqualByComparingTo(subtotalTax);
        assertThat(number(invoice, "LegalMonetaryTotal", "LineExtensionAmount")).isEqualByComparingTo(lineSum);
        assertThat(number(invoice, "LegalMonetaryTotal", "TaxExclusiveAmount")).isEqualByComparingTo(lineSum);
        assertThat(number(invoice, "LegalMonetaryTotal", "TaxInclusiveAmount")).isEqualByComparingTo(lineSum.add(taxSum));
        BigDecimal payable = number(invoice, "LegalMonetaryTotal", "PayableAmount");
        assertThat(payable).isEqualByComparingTo(lineSum.add(taxSum));
        return payable;
    }

    static String value(JsonNode node, String field) {
        return node.get(field).get(0).get("_").asText();
    }

    static BigDecimal number(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = current.get(step).get(0);
        }
        return current.get("_").decimalValue();
    }

    private static void each(JsonNode object, String path, BiConsumer<String, JsonNode> visit) {
        var fields = new ArrayList<Map.Entry<String, JsonNode>>();
        object.fields().forEachRemaining(fields::add);
        for (var e : fields) {
            if (!e.getValue().isArray()) {
                continue;
            }
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            for (JsonNode item : e.getValue()) {
                visit.accept(childPath, item);
                each(item, childPath, visit);
            }
        }
    }
}
