package my.invois.einvoicesettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.http.Timestamps;
import my.invois.secrets.Sealed;

/** The JSON form of E2: unset values are null, secrets are "****" when set (never their value). */
final class EinvoiceSettingsJson {

    private EinvoiceSettingsJson() {
    }

    record Settings(String organizationId, String registrationName, String tin, String registrationType,
                    String registrationNumber, String sstNumber, String tourismTaxNumber, String msicCode,
                    String businessActivity, AddressJson address, String phone, String email, String defaultClassification,
                    String taxType, Map<String, String> taxTypesByRate, String lhdnClient, String clientId, String clientSecret,
                    String signingKeystore, String signingKeystorePassword, boolean enabled, boolean complete,
                    List<String> missing, String createdAt, String updatedAt) {
    }

    record AddressJson(List<String> lines, String city, String postcode, String state, String country) {
    }

    static Settings of(EinvoiceSettings s) {
        return new Settings(s.organizationId(), s.registrationName(), s.tin().orElse(null), s.registrationType().orElse(null),
                s.registrationNumber().orElse(null), s.sstNumber(), s.tourismTaxNumber(), s.msicCode().orElse(null),
                s.businessActivity().orElse(null), s.address().map(EinvoiceSettingsJson::address).orElse(null),
                s.phone().orElse(null), s.email().orElse(null), s.defaultClassification(), s.taxType(), s.taxTypesByRate(),
                s.lhdnClient().label(), s.clientId().orElse(null), hidden(s.clientSecret()), hidden(s.signingKeystore()),
                hidden(s.signingKeystorePassword()), s.enabled(), s.complete(), s.missing(),
                s.createdAt().map(Timestamps::format).orElse(null), s.updatedAt().map(Timestamps::format).orElse(null));
    }

    private static AddressJson address(Address address) {
        return new AddressJson(address.lines(), address.city(), address.postcode().orElse(null), address.state(), address.country());
    }

    private static String hidden(Optional<Sealed> secret) {
        return secret.map(sealed -> EinvoiceSettingsFields.HIDDEN).orElse(null);
    }
}
