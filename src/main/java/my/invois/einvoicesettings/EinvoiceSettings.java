package my.invois.einvoicesettings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.einvoices.document.UblJson;
import my.invois.lhdn.CodeTable;
import my.invois.secrets.Sealed;

/**
 * An organization's e-invoice settings: the supplier of its documents (E2). The registration
 * name is the organization's name, read from organizations, never kept twice. {@code activity}
 * is what the merchant gave; {@link #businessActivity()} falls back to the MSIC description.
 * Secrets stay sealed here; {@link EinvoiceSettingsService#ownLhdnClient} opens them.
 */
public record EinvoiceSettings(
        String organizationId,
        String registrationName,
        Optional<String> tin,
        Optional<String> registrationType,
        Optional<String> registrationNumber,
        String sstNumber,
        String tourismTaxNumber,
        Optional<String> msicCode,
        Optional<String> activity,
        Optional<Address> address,
        Optional<String> phone,
        Optional<String> email,
        String defaultClassification,
        String taxType,
        Map<String, String> taxTypesByRate,
        LhdnClient lhdnClient,
        Optional<String> clientId,
        Optional<Sealed> clientSecret,
        Optional<Sealed> signingKeystore,
        Optional<Sealed> signingKeystorePassword,
        boolean enabled,
        Optional<Instant> createdAt,
        Optional<Instant> updatedAt) {

    static final String DEFAULT_CLASSIFICATION = "022";
    /** SST's sales-tax rates (5 %, 10 %) and service-tax rates (6 %, 8 %), keyed by the rate's minimal text. */
    static final Map<String, String> DEFAULT_TAX_TYPES_BY_RATE = ordered(Map.of("5", "01", "10", "01", "6", "02", "8", "02"));

    public EinvoiceSettings {
        taxTypesByRate = ordered(taxTypesByRate);
    }

    /** What an organization has before its first PUT: LHDN's defaults, nothing else. */
    static EinvoiceSettings defaults(String organizationId, String registrationName) {
        return new EinvoiceSettings(organizationId, registrationName, Optional.empty(), Optional.empty(), Optional.empty(),
                EinvoiceSettingsRules.NOT_APPLICABLE, EinvoiceSettingsRules.NOT_APPLICABLE, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_CLASSIFICATION, EinvoiceSettingsRules.NO_TAX,
                DEFAULT_TAX_TYPES_BY_RATE, LhdnClient.INTERMEDIARY, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /** The activity LHDN receives (IndustryClassificationCode@name): the merchant's, else the MSIC code's description. */
    public Optional<String> businessActivity() {
        return activity.or(() -> msicCode.flatMap(CodeTable.MSIC::description));
    }

    /** The fields still needed before e-invoicing can be enabled (E2 missing). */
    public List<String> missing() {
        return EinvoiceSettingsCheck.missing(this);
    }

    public boolean complete() {
        return missing().isEmpty();
    }

    /**
     * The tax type of a Shopify tax line at this rate (percent): 06 for a merchant without SST
     * registration; else the type taxTypesByRate gives the rate, else the merchant's taxType.
     */
    public String taxTypeFor(BigDecimal ratePercent) {
        if (taxType.equals(EinvoiceSettingsRules.NO_TAX)) {
            return taxType;
        }
        return taxTypesByRate.getOrDefault(rateKey(ratePercent), taxType);
    }

    static String rateKey(BigDecimal rate) {
        return UblJson.minimal(rate).toPlainString();
    }

    /** Ascending by rate, so responses and stored JSON list the rates in one order. */
    private static Map<String, String> ordered(Map<String, String> byRate) {
        var ordered = new LinkedHashMap<String, String>();
        byRate.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> new BigDecimal(a).compareTo(new BigDecimal(b))))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(ordered);
    }
}
