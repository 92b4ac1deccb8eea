package my.invois.einvoices.signing;

import java.util.Arrays;
import java.util.Optional;

/** E1 INVOIS_EINVOICE_VERSION: the InvoiceTypeCode listVersionID, and whether the document is signed. */
public enum EinvoiceVersion {
    V1_0("1.0"),
    V1_1("1.1");

    private final String listVersionID;

    EinvoiceVersion(String listVersionID) {
        this.listVersionID = listVersionID;
    }

    public String listVersionID() {
        return listVersionID;
    }

    public static Optional<EinvoiceVersion> parse(String text) {
        return Arrays.stream(values()).filter(version -> version.listVersionID.equals(text)).findFirst();
    }
}
