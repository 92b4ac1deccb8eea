package my.invois.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoicesettings.Address;
import my.invois.einvoicesettings.AddressField;
import my.invois.einvoicesettings.EinvoiceSettingsRules;
import my.invois.einvoicesettings.Phones;
import my.invois.einvoicesettings.Tins;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;
import my.invois.http.Text;
import my.invois.shopify.ShopifyBuyers;

/**
 * The buyer of an e-invoice request (E5), checked with the settings' rules for TIN, registration,
 * SST number, phone and address (E2), every failing field at once. The format only: whether LHDN
 * knows the buyer is {@link BuyerTins}' question.
 */
final class BuyerFields {

    /** Invoice v1.1: the buyer's name, at most 300 characters. */
    static final int MAX_NAME_LENGTH = 300;
    private static final Set<String> FIELDS = Set.of("name", "tin", "registrationType", "registrationNumber", "sstNumber", "email",
            "phone", "address");
    /** §1.10: a buyer without a TIN of its own: a Malaysian individual with only an NRIC, or a foreign buyer. */
    static final Set<String> GENERAL_BUYER_TINS = Set.of(ShopifyBuyers.MALAYSIAN_TIN, ShopifyBuyers.FOREIGN_TIN);

    private BuyerFields() {
    }

    static Buyer parse(ObjectNode body) {
        var errors = new FieldErrors();
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(FIELDS, Set.of());
        Patch<String> name = fields.text("name", "Name", BuyerFields::name);
        Patch<String> tin = fields.text("tin", "TIN", BuyerFields::tin).map(Tins::normalise);
        Patch<String> type = fields.text("registrationType", "Registration type", EinvoiceSettingsRules::registrationType);
        Patch<String> number = fields.text("registrationNumber", "Registration number", value -> EinvoiceSettingsRules
                .registrationNumber(EinvoiceSettingsRules.normaliseRegistrationNumber(value)))
                .map(EinvoiceSettingsRules::normaliseRegistrationNumber);
        Patch<String> sst = fields.text("sstNumber", "SST number",
                value -> EinvoiceSettingsRules.sstNumber(EinvoiceSettingsRules.upperCase(value))).map(EinvoiceSettingsRules::upperCase);
        Patch<String> email = fields.text("email", "Email", EinvoiceSettingsRules::email);
        Patch<String> phone = fields.text("phone", "Phone", value -> Phones.check(Phones.normalise(value))).map(Phones::normalise);
        Patch<Address> address = new AddressField(body.get("address"), errors).read();
        BodyFields.require(name, "name", "Name", errors);
        BodyFields.require(tin, "tin", "TIN", errors);
        BodyFields.require(type, "registrationType", "Registration type", errors);
        BodyFields.require(number, "registrationNumber", "Registration number", errors);
        BodyFields.require(phone, "phone", "Phone", errors);
        BodyFields.require(address, "address", "Address", errors);
        if (type instanceof Patch.Set<String> t && number instanceof Patch.Set<String> n) {
            EinvoiceSettingsRules.registrationNumberOfType(n.value(), t.value()).ifPresent(m -> errors.add("registrationNumber", m));
        }
        errors.throwIfAny();
        return new Buyer(value(name), value(tin), value(type), value(number),
                Objects.requireNonNullElse(sst.applyTo(null), EinvoiceSettingsRules.NOT_APPLICABLE),
                Suppliers.address(value(address)), value(phone), Objects.requireNonNullElse(email.applyTo(null), ""));
    }

    private static Optional<String> name(String name) {
        int length = Text.length(name);
        return length >= 1 && length <= MAX_NAME_LENGTH ? Optional.empty()
                : Optional.of("Name must be 1 to " + MAX_NAME_LENGTH + " characters");
    }

    private static Optional<String> tin(String tin) {
        String normalised = Tins.normalise(tin);
        return GENERAL_BUYER_TINS.contains(normalised) ? Optional.empty() : Tins.check(normalised);
    }

    private static <T> T value(Patch<T> patch) {
        return patch.applyTo(null);
    }
}
