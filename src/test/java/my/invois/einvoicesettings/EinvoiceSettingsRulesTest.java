package my.invois.einvoicesettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.lhdn.CodeTable;
import org.junit.jupiter.api.Test;

class EinvoiceSettingsRulesTest {

    @Test
    void individual_tins_take_the_prefix_ig() {
        assertThat(Tins.normalise("OG12345678901")).isEqualTo("IG12345678901");
        assertThat(Tins.normalise("SG12345678901")).isEqualTo("IG12345678901");
        assertThat(Tins.normalise("ig 1234-5678-901")).isEqualTo("IG12345678901");
        assertThat(Tins.check("IG12345678901")).isEmpty();
    }

    @Test
    void non_individual_tins_lose_leading_zeros_and_end_in_zero() {
        assertThat(Tins.normalise("C2584563202")).isEqualTo("C25845632020");
        assertThat(Tins.normalise("C02584563202")).isEqualTo("C25845632020");
        assertThat(Tins.normalise("C25845632020")).isEqualTo("C25845632020");
        for (String prefix : List.of("C", "CS", "D", "E", "F", "FA", "PT", "TA", "TC", "TN", "TR", "TP", "J", "LE")) {
            String tin = Tins.normalise(prefix + "00123");
            assertThat(tin).isEqualTo(prefix + "1230");
            assertThat(Tins.check(tin)).as(tin).isEmpty();
        }
    }

    @Test
    void general_unknown_or_long_tins_are_refused() {
        assertThat(Tins.check(Tins.normalise("EI00000000010"))).hasValueSatisfying(message -> assertThat(message).contains("general TIN"));
        assertThat(Tins.check(Tins.normalise("X1234567890"))).isPresent();
        assertThat(Tins.check(Tins.normalise("C000"))).isPresent();
        assertThat(Tins.check(Tins.normalise("C12345678901234"))).isPresent();
        assertThat(Tins.check(Tins.normalise("IG0000"))).isPresent();
    }

    @Test
    void malaysian_local_phones_get_the_country_code() {
        assertThat(Phones.normalise("012-345 6789")).isEqualTo("+60123456789");
        assertThat(Phones.normalise("03-2141.1234")).isEqualTo("+60321411234");
        assertThat(Phones.normalise("0065 6123 4567")).isEqualTo("+6561234567");
        assertThat(Phones.check("+60123456789")).isEmpty();
        assertThat(Phones.check("+6512345")).isEmpty();
        assertThat(Phones.check("+601234")).isPresent();
        assertThat(Phones.check("+6012345678901")).isPresent();
        assertThat(Phones.check("+1234567890123456789012")).isPresent();
        assertThat(Phones.check("123456789")).isPresent();
    }

    @Test
    void registration_numbers_by_type() {
        assertThat(EinvoiceSettingsRules.registrationNumberOfType("202001234567", "BRN")).isEmpty();
        assertThat(EinvoiceSettingsRules.registrationNumberOfType("1234567-X", "BRN")).isPresent();
        assertThat(EinvoiceSettingsRules.registrationNumberOfType("900101145678", "NRIC")).isEmpty();
        assertThat(EinvoiceSettingsRules.registrationNumberOfType("A12345678", "PASSPORT")).isEmpty();
        assertThat(EinvoiceSettingsRules.registrationNumber("A".repeat(21))).isPresent();
        assertThat(EinvoiceSettingsRules.normaliseRegistrationNumber("900101-14-5678")).isEqualTo("900101145678");
    }

    @Test
    void sst_and_tourism_tax_numbers() {
        assertThat(EinvoiceSettingsRules.sstNumber("NA")).isEmpty();
        assertThat(EinvoiceSettingsRules.sstNumber("W10-1808-32000123")).isEmpty();
        assertThat(EinvoiceSettingsRules.sstNumber("W10-1808-32000123;B16-1809-32000456")).isEmpty();
        assertThat(EinvoiceSettingsRules.sstNumber("W10-1808-32000123;")).isPresent();
        assertThat(EinvoiceSettingsRules.sstNumber("W10-1808-32000123;B16-1809-32000456;C10-1809-32000789")).isPresent();
        assertThat(EinvoiceSettingsRules.sstNumber("W1018083200012")).isPresent();
        assertThat(EinvoiceSettingsRules.tourismTaxNumber("NA")).isEmpty();
        assertThat(EinvoiceSettingsRules.tourismTaxNumber("141-1234-56789012")).isEmpty();
        assertThat(EinvoiceSettingsRules.tourismTaxNumber("141-1234-567890123")).isPresent();
        assertThat(EinvoiceSettingsRules.tourismTaxNumber("141_1234")).isPresent();
    }

    @Test
    void codes_come_from_lhdns_tables() {
        assertThat(EinvoiceSettingsRules.code(CodeTable.MSIC, "47912", "MSIC code")).isEmpty();
        assertThat(EinvoiceSettingsRules.code(CodeTable.MSIC, "4791", "MSIC code")).isPresent();
        assertThat(EinvoiceSettingsRules.state("14", "MYS")).isEmpty();
        assertThat(EinvoiceSettingsRules.state("17", "MYS")).isPresent();
        assertThat(EinvoiceSettingsRules.state("17", "SGP")).isEmpty();
        assertThat(EinvoiceSettingsRules.postcode("55100", "MYS")).isEmpty();
        assertThat(EinvoiceSettingsRules.postcode("5510", "MYS")).isPresent();
        assertThat(EinvoiceSettingsRules.postcode("SW1A 1AA", "GBR")).isEmpty();
    }

    @Test
    void rates_are_percentages_above_zero_up_to_one_hundred() {
        assertThat(EinvoiceSettingsRules.rate("6")).hasValue(new BigDecimal("6"));
        assertThat(EinvoiceSettingsRules.rate("8.5")).isPresent();
        assertThat(EinvoiceSettingsRules.rate("0")).isEmpty();
        assertThat(EinvoiceSettingsRules.rate("100.01")).isEmpty();
        assertThat(EinvoiceSettingsRules.rate("6.125")).isEmpty();
        assertThat(EinvoiceSettingsRules.rate("1e1")).isEmpty();
    }

    @Test
    void incomplete_settings_name_what_is_missing_and_cannot_be_enabled() {
        EinvoiceSettings settings = EinvoiceSettings.defaults("org-1", "Kedai");
        assertThat(settings.missing()).containsExactly("tin", "registrationType", "registrationNumber", "msicCode",
                "businessActivity", "address", "phone");

        EinvoiceSettings enabled = withEnabled(settings);
        assertThat(EinvoiceSettingsCheck.check(enabled).asMap()).containsKeys("enabled", "tin", "phone");
        assertThat(EinvoiceSettingsCheck.check(settings).asMap()).isEmpty();
    }

    @Test
    void the_tax_type_of_a_rate_follows_sst_registration() {
        EinvoiceSettings unregistered = EinvoiceSettings.defaults("org-1", "Kedai");
        assertThat(unregistered.taxTypeFor(new BigDecimal("6.00"))).isEqualTo("06");
        EinvoiceSettings registered = new EinvoiceSettings("org-1", "Kedai", Optional.empty(), Optional.empty(), Optional.empty(),
                "W10-1808-32000123", "NA", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "022", "01", Map.of("6", "02", "10", "01"), LhdnClient.INTERMEDIARY, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
        assertThat(registered.taxTypeFor(new BigDecimal("6.00"))).isEqualTo("02");
        assertThat(registered.taxTypeFor(new BigDecimal("10"))).isEqualTo("01");
        assertThat(registered.taxTypeFor(new BigDecimal("7"))).isEqualTo("01");
        assertThat(EinvoiceSettingsCheck.check(registered).asMap()).isEmpty();
    }

    private static EinvoiceSettings withEnabled(EinvoiceSettings s) {
        return new EinvoiceSettings(s.organizationId(), s.registrationName(), s.tin(), s.registrationType(), s.registrationNumber(),
                s.sstNumber(), s.tourismTaxNumber(), s.msicCode(), s.activity(), s.address(), s.phone(), s.email(),
                s.defaultClassification(), s.taxType(), s.taxTypesByRate(), s.lhdnClient(), s.clientId(), s.clientSecret(),
                s.signingKeystore(), s.signingKeystorePassword(), true, s.createdAt(), s.updatedAt());
    }
}
