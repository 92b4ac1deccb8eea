package my.invois.einvoices.document;

/** The buyer of an individual e-invoice (E5 request); an empty email is left out of the document. */
public record Buyer(String name, String tin, String registrationType, String registrationNumber, String sstNumber,
        Address address, String phone, String email) {

    /** E7 and SG Table 3.5: the consolidated buyer, state 17, everything else "NA". */
    public static final Buyer GENERAL_PUBLIC = new Buyer("General Public", "EI00000000010", "BRN", "NA", "NA",
            new Address(java.util.List.of("NA"), "NA", "", "17", "MYS"), "NA", "");
}
