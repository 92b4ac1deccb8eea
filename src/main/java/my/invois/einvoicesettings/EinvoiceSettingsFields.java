package my.invois.einvoicesettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.FieldRule;
import my.invois.http.Patch;
import my.invois.lhdn.CodeTable;

/**
 * The fields of a settings PUT (E2, partial as SPEC B1), each validated and normalised. An
 * explicit null clears a field, or puts back the default of one that has a default (sstNumber,
 * tourismTaxNumber, defaultClassification, taxType, taxTypesByRate, lhdnClient). A secret sent
 * as "****", which is how a GET shows it, keeps the stored secret.
 */
record EinvoiceSettingsFields(
        Patch<String> tin,
        Patch<String> registrationType,
        Patch<String> registrationNumber,
        Patch<String> sstNumber,
        Patch<String> tourismTaxNumber,
        Patch<String> msicCode,
        Patch<String> businessActivity,
        Patch<Address> address,
        Patch<String> phone,
        Patch<String> email,
        Patch<String> defaultClassification,
        Patch<String> taxType,
        Patch<Map<String, String>> taxTypesByRate,
        Patch<LhdnClient> lhdnClient,
        Patch<String> clientId,
        Patch<String> clientSecret,
        Patch<byte[]> signingKeystore,
        Patch<String> signingKeystorePassword,
        Patch<Boolean> enabled) {

    static final String HIDDEN = "****";
    static final Set<String> WRITABLE = Set.of("tin", "registrationType", "registrationNumber", "sstNumber", "tourismTaxNumber",
            "msicCode", "businessActivity", "address", "phone", "email", "defaultClassification", "taxType", "taxTypesByRate",
            "lhdnClient", "clientId", "clientSecret", "signingKeystore", "signingKeystorePassword", "enabled");
    static final Set<String> READ_ONLY = Set.of("organizationId", "registrationName", "complete", "missing", "createdAt", "updatedAt");

    static EinvoiceSettingsFields forUpdate(ObjectNode body) {
        var errors = new FieldErrors();
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(WRITABLE, READ_ONLY);
        var parsed = new EinvoiceSettingsFields(
                fields.text("tin", "TIN", tin -> Tins.check(Tins.normalise(tin))).map(Tins::normalise),
                fields.text("registrationType", "Registration type", EinvoiceSettingsRules::registrationType),
                fields.text("registrationNumber", "Registration number", number -> EinvoiceSettingsRules.registrationNumber(
                        EinvoiceSettingsRules.normaliseRegistrationNumber(number))).map(EinvoiceSettingsRules::normaliseRegistrationNumber),
                upperCased(fields, "sstNumber", "SST number", EinvoiceSettingsRules::sstNumber),
                upperCased(fields, "tourismTaxNumber", "Tourism tax number", EinvoiceSettingsRules::tourismTaxNumber),
                fields.text("msicCode", "MSIC code", code -> EinvoiceSettingsRules.code(CodeTable.MSIC, code, "MSIC code")),
                fields.text("businessActivity", "Business activity", EinvoiceSettingsRules::businessActivity),
                new AddressField(body.get("address"), errors).read(),
                fields.text("phone", "Phone", phone -> Phones.check(Phones.normalise(phone))).map(Phones::normalise),
                fields.text("email", "Email", EinvoiceSettingsRules::email),
                fields.text("defaultClassification", "Default classification",
                        code -> EinvoiceSettingsRules.code(CodeTable.CLASSIFICATIONS, code, "Default classification")),
                fields.text("taxType", "Tax type", EinvoiceSettingsRules::taxType),
                taxTypesByRate(body.get("taxTypesByRate"), errors),
                fields.text("lhdnClient", "LHDN client", EinvoiceSettingsRules::lhdnClient)
                        .map(label -> LhdnClient.parse(label).orElseThrow()),
                fields.text("clientId", "Client id", EinvoiceSettingsRules::clientId),
                secret(fields, "clientSecret", "Client secret", value -> EinvoiceSettingsRules.secret(value, "Client secret")),
                secret(fields, "signingKeystore", "Signing keystore", EinvoiceSettingsRules::signingKeystore)
                        .map(base64 -> Base64.getMimeDecoder().decode(base64)),
                secret(fields, "signingKeystorePassword", "Signing keystore password",
                        value -> EinvoiceSettingsRules.secret(value, "Signing keystore password")),
                enabled(body.get("enabled"), errors));
        errors.throwIfAny();
        return parsed;
    }

    private static Patch<String> upperCased(BodyFields fields, String field, String label, FieldRule rule) {
        return fields.text(field, label, value -> rule.check(EinvoiceSettingsRules.upperCase(value)))
                .map(EinvoiceSettingsRules::upperCase);
    }

    /** Write-only: "****" (what a GET shows) keeps the stored value. */
    private static Patch<String> secret(BodyFields fields, String field, String label, FieldRule rule) {
        Patch<String> patch = fields.text(field, label, value -> value.equals(HIDDEN) ? Optional.empty() : rule.check(value));
        return patch instanceof Patch.Set<String> set && set.value().equals(HIDDEN) ? Patch.keep() : patch;
    }

    private static Patch<Boolean> enabled(JsonNode node, FieldErrors errors) {
        if (node == null) {
            return Patch.keep();
        }
        if (!node.isBoolean()) {
            errors.add("enabled", "Enabled must be true or false");
            return Patch.keep();
        }
        return Patch.set(node.booleanValue());
    }

    /** Rates as decimal percentages ("6", "8.5") to LHDN tax types; replaces the whole map. */
    private static Patch<Map<String, String>> taxTypesByRate(JsonNode node, FieldErrors errors) {
        if (node == null) {
            return Patch.keep();
        }
        if (node.isNull()) {
            return Patch.clear();
        }
        if (!node.isObject() || node.size() > EinvoiceSettingsRules.MAX_RATES) {
            errors.add("taxTypesByRate", "Tax types by rate must be an object of at most " + EinvoiceSettingsRules.MAX_RATES
                    + " rates, such as {\"6\": \"02\"}");
            return Patch.keep();
        }
        var byRate = new LinkedHashMap<String, String>();
        boolean valid = true;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            var rate = EinvoiceSettingsRules.rate(entry.getKey());
            if (rate.isEmpty()) {
                errors.add("taxTypesByRate", "Rate '" + entry.getKey() + "' must be a percentage above 0 and at most 100,"
                        + " with at most 2 decimals");
                valid = false;
            } else if (!entry.getValue().isTextual() || !CodeTable.TAX_TYPES.contains(entry.getValue().textValue())) {
                errors.add("taxTypesByRate", "The tax type of rate " + entry.getKey() + " must be a code of LHDN's tax type table");
                valid = false;
            } else if (byRate.put(EinvoiceSettings.rateKey(rate.get()), entry.getValue().textValue()) != null) {
                errors.add("taxTypesByRate", "Rate " + entry.getKey() + " is given twice");
                valid = false;
            }
        }
        return valid ? Patch.set(byRate) : Patch.keep();
    }
}
