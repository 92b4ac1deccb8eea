package my.invois.einvoicesettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.http.FieldErrors;

/**
 * E2 rules across fields, on the settings as they would be stored after a change: a PUT of one
 * field is judged with the others it meets. Pure; the service adds the keystore check.
 */
final class EinvoiceSettingsCheck {

    private EinvoiceSettingsCheck() {
    }

    /** The rules that span fields, on the settings as they would be stored. */
    static FieldErrors check(EinvoiceSettings settings) {
        var errors = new FieldErrors();
        settings.registrationNumber().ifPresent(number -> settings.registrationType()
                .flatMap(type -> EinvoiceSettingsRules.registrationNumberOfType(number, type))
                .ifPresent(message -> errors.add("registrationNumber", message)));
        boolean sstRegistered = !settings.sstNumber().equals(EinvoiceSettingsRules.NOT_APPLICABLE);
        if (!sstRegistered && !settings.taxType().equals(EinvoiceSettingsRules.NO_TAX)) {
            errors.add("taxType", "Tax type 01 or 02 needs the merchant's sstNumber; without SST registration it is 06");
        }
        if (sstRegistered && settings.taxType().equals(EinvoiceSettingsRules.NO_TAX)) {
            errors.add("taxType", "An SST-registered merchant (sstNumber set) charges 01 (sales tax) or 02 (service tax), not 06");
        }
        if (settings.signingKeystore().isPresent() != settings.signingKeystorePassword().isPresent()) {
            errors.add(settings.signingKeystore().isPresent() ? "signingKeystorePassword" : "signingKeystore",
                    "Signing keystore and its password are given together");
        }
        List<String> missing = missing(settings);
        if (settings.enabled() && !missing.isEmpty()) {
            errors.add("enabled", "E-invoicing cannot be enabled while the settings are incomplete; missing: "
                    + String.join(", ", missing));
            missing.forEach(field -> errors.add(field, "Required before e-invoicing can be enabled"));
        }
        return errors;
    }

    /** The fields LHDN requires of a supplier that are still unset, in the response's order. */
    static List<String> missing(EinvoiceSettings settings) {
        var missing = new ArrayList<String>();
        if (settings.tin().isEmpty()) {
            missing.add("tin");
        }
        if (settings.registrationType().isEmpty()) {
            missing.add("registrationType");
        }
        if (settings.registrationNumber().isEmpty()) {
            missing.add("registrationNumber");
        }
        if (settings.msicCode().isEmpty()) {
            missing.add("msicCode");
        }
        if (settings.businessActivity().isEmpty()) {
            missing.add("businessActivity");
        }
        if (settings.address().isEmpty()) {
            missing.add("address");
        }
        if (settings.phone().isEmpty()) {
            missing.add("phone");
        }
        if (settings.lhdnClient() == LhdnClient.OWN) {
            addIfEmpty(missing, settings.clientId(), "clientId");
            addIfEmpty(missing, settings.clientSecret(), "clientSecret");
            addIfEmpty(missing, settings.signingKeystore(), "signingKeystore");
            addIfEmpty(missing, settings.signingKeystorePassword(), "signingKeystorePassword");
        }
        return List.copyOf(missing);
    }

    private static void addIfEmpty(List<String> missing, Optional<?> value, String field) {
        if (value.isEmpty()) {
            missing.add(field);
        }
    }
}
