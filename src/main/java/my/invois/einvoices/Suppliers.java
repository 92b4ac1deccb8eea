package my.invois.einvoices;

import my.invois.einvoices.document.Address;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoicesettings.EinvoiceSettings;

/** The one place the merchant's settings (E2) become the builder's supplier and addresses. */
public final class Suppliers {

    private Suppliers() {
    }

    /** Only for complete settings (EinvoiceSettings.complete()): every required field is present. */
    public static Supplier of(EinvoiceSettings settings) {
        if (!settings.complete()) {
            throw new IllegalStateException("incomplete settings make no supplier: missing " + settings.missing());
        }
        return new Supplier(settings.tin().orElseThrow(), settings.registrationType().orElseThrow(),
                settings.registrationNumber().orElseThrow(), settings.sstNumber(), settings.tourismTaxNumber(),
                settings.msicCode().orElseThrow(), settings.businessActivity().orElseThrow(), settings.registrationName(),
                address(settings.address().orElseThrow()), settings.phone().orElseThrow(), settings.email().orElse(""),
                settings.defaultClassification(), settings.taxType(), settings.taxTypesByRate());
    }

    public static Address address(my.invois.einvoicesettings.Address address) {
        return new Address(address.lines(), address.city(), address.postcode().orElse(""), address.state(), address.country());
    }
}
