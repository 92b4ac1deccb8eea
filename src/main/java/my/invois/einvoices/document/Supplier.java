package my.invois.einvoices.document;

import java.util.Map;

/**
 * The merchant as LHDN's supplier (E2 settings). {@code taxTypesByRate} maps a tax rate in percent,
 * written minimally ("10", "6", "8"), to the LHDN tax type ("01" sales, "02" service).
 */
public record Supplier(String tin, String registrationType, String registrationNumber, String sstNumber,
        String tourismTaxNumber, String msicCode, String businessActivity, String name, Address address,
        String phone, String email, String defaultClassification, String taxType, Map<String, String> taxTypesByRate) {

    public static final String NOT_APPLICABLE = "06";

    public Supplier {
        taxTypesByRate = Map.copyOf(taxTypesByRate);
    }

    public boolean sstRegistered() {
        return !NOT_APPLICABLE.equals(taxType);
    }
}
