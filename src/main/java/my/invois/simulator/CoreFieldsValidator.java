package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LHDN's Core fields validator: the mandatory fields of Invoice v1.0/v1.1 and its notes, with
 * their lengths (reference §1.7, anchors §1.7). Pure; collects every error. No arithmetic: LHDN
 * has no such validator and its own samples do not add up.
 */
final class CoreFieldsValidator {

    static final String MISSING = "CF-MISSING";
    static final String TOO_LONG = "CF-LENGTH";
    static final String FORMAT = "CF-FORMAT";
    static final Set<String> VERSIONS = Set.of("1.0", "1.1");
    static final String GENERAL_PUBLIC = "EI00000000010";
    private static final Set<String> REGISTRATIONS = Set.of("BRN", "NRIC", "PASSPORT", "ARMY");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}Z");

    private final List<StepError> errors = new ArrayList<>();

    private CoreFieldsValidator() {
    }

    static List<StepError> validate(JsonNode invoice) {
        var validator = new CoreFieldsValidator();
        validator.header(invoice);
        validator.party(Ubl.first(invoice, "AccountingSupplierParty", "Party"), "Invoice.AccountingSupplierParty.Party", true);
        validator.party(Ubl.first(invoice, "AccountingCustomerParty", "Party"), "Invoice.AccountingCustomerParty.Party", false);
        validator.totals(invoice);
        validator.lines(invoice);
        return validator.errors;
    }

    private void header(JsonNode invoice) {
        String type = required(invoice, "Invoice", 2, "InvoiceTypeCode").orElse(null);
        Optional<String> version = Optional.ofNullable(Ubl.first(invoice, "InvoiceTypeCode").path("listVersionID").asText(null));
        if (version.filter(VERSIONS::contains).isEmpty()) {
            errors.add(StepError.of("Invoice.InvoiceTypeCode.listVersionID", FORMAT, "The e-invoice version must be 1.0 or 1.1"));
        }
        required(invoice, "Invoice", 50, "ID");
        required(invoice, "Invoice", 10, "IssueDate").filter(date -> !DATE.matcher(date).matches())
                .ifPresent(date -> errors.add(StepError.of("Invoice.IssueDate", FORMAT, "IssueDate must be YYYY-MM-DD")));
        required(invoice, "Invoice", 9, "IssueTime").filter(time -> !TIME.matcher(time).matches())
                .ifPresent(time -> errors.add(StepError.of("Invoice.IssueTime", FORMAT, "IssueTime must be HH:MM:SSZ (UTC)")));
        required(invoice, "Invoice", 3, "DocumentCurrencyCode");
        if (type != null && !type.endsWith("1") && OriginalReference.of(invoice).isEmpty()) {
            errors.add(StepError.of("Invoice.BillingReference.InvoiceDocumentReference", MISSING,
                    "A credit, debit or refund note must reference the original e-invoice (ID and UUID)"));
        }
    }

    private void party(JsonNode party, String path, boolean supplier) {
        required(party, path, 300, "PartyLegalEntity", "RegistrationName");
        if (Ubl.partyId(party, "TIN").isEmpty()) {
            errors.add(StepError.of(path + ".PartyIdentification.ID[schemeID=TIN]", MISSING, "The TIN is mandatory"));
        }
        Ubl.partyId(party, "TIN").filter(tin -> tin.length() > 14)
                .ifPresent(tin -> errors.add(StepError.of(path + ".PartyIdentification.ID[schemeID=TIN]", TOO_LONG, "The TIN is at most 14 characters")));
        if (REGISTRATIONS.stream().allMatch(scheme -> Ubl.partyId(party, scheme).isEmpty())) {
            errors.add(StepError.of(path + ".PartyIdentification.ID[schemeID=BRN|NRIC|PASSPORT|ARMY]", MISSING,
                    "A registration, identification or passport number is mandatory"));
        }
        if (supplier) {
            required(party, path, 5, "IndustryClassificationCode");
            String activity = Ubl.first(party, "IndustryClassificationCode").path("name").asText("");
            if (activity.isBlank() || activity.length() > 300) {
                errors.add(StepError.of(path + ".IndustryClassificationCode.name", activity.isBlank() ? MISSING : TOO_LONG,
                        "The business activity description is mandatory, at most 300 characters"));
            }
        }
        // LHDN's consolidated sample leaves the General Public buyer's address and phone blank or NA.
        if (supplier || !Ubl.partyId(party, "TIN").filter(GENERAL_PUBLIC::equals).isPresent()) {
            address(Ubl.first(party, "PostalAddress"), path + ".PostalAddress");
            required(party, path, 20, "Contact", "Telephone");
        }
    }

    private void address(JsonNode address, String path) {
        List<JsonNode> lines = Ubl.all(address, "AddressLine");
        if (lines.isEmpty() || lines.size() > 3) {
            errors.add(StepError.of(path + ".AddressLine", MISSING, "An address has one to three lines"));
        }
        lines.forEach(line -> required(line, path + ".AddressLine", 150, "Line"));
        required(address, path, 50, "CityName");
        required(address, path, 50, "CountrySubentityCode");
        required(address, path, 3, "Country", "IdentificationCode");
    }

    private void totals(JsonNode invoice) {
        required(invoice, "Invoice", 0, "TaxTotal", "TaxAmount");
        if (Ubl.all(Ubl.first(invoice, "TaxTotal"), "TaxSubtotal").isEmpty()) {
            errors.add(StepError.of("Invoice.TaxTotal.TaxSubtotal", MISSING, "At least one tax subtotal is mandatory"));
        }
        for (String total : List.of("TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount")) {
            required(invoice, "Invoice", 0, "LegalMonetaryTotal", total);
        }
    }

    private void lines(JsonNode invoice) {
        List<JsonNode> lines = Ubl.all(invoice, "InvoiceLine");
        if (lines.isEmpty()) {
            errors.add(StepError.of("Invoice.InvoiceLine", MISSING, "At least one invoice line is mandatory"));
        }
        for (int i = 0; i < lines.size(); i++) {
            String path = "Invoice.InvoiceLine[" + i + "]";
            JsonNode line = lines.get(i);
            boolean classified = Ubl.all(Ubl.first(line, "Item"), "CommodityClassification").stream()
                    .anyMatch(c -> "CLASS".equals(Ubl.first(c, "ItemClassificationCode").path("listID").asText()));
            if (!classified) {
                errors.add(StepError.of(path + ".Item.CommodityClassification.ItemClassificationCode[listID=CLASS]", MISSING,
                        "Every line needs a classification code"));
            }
            required(line, path, 300, "Item", "Description");
            required(line, path, 0, "Price", "PriceAmount");
            required(line, path, 0, "TaxTotal", "TaxAmount");
            required(line, path, 0, "ItemPriceExtension", "Amount");
            required(line, path, 0, "LineExtensionAmount");
        }
    }

    /** The value at the path, reported missing or too long ({@code maxLength} 0: no limit). */
    private Optional<String> required(JsonNode node, String base, int maxLength, String... names) {
        String path = base + "." + String.join(".", names);
        Optional<String> value = Ubl.text(node, names);
        if (value.isEmpty()) {
            errors.add(StepError.of(path, MISSING, path + " is mandatory"));
        } else if (maxLength > 0 && value.get().length() > maxLength) {
            errors.add(StepError.of(path, TOO_LONG, path + " is at most " + maxLength + " characters"));
        }
        return value;
    }
}
