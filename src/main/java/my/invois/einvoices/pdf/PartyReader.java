package my.invois.einvoices.pdf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import my.invois.lhdn.CodeTable;

/** A supplier's or buyer's block, from AccountingSupplierParty or AccountingCustomerParty. */
final class PartyReader {

    private static final List<String> REGISTRATIONS = List.of("BRN", "NRIC", "PASSPORT", "ARMY");

    private PartyReader() {
    }

    static Copy.Party read(JsonNode party) {
        var details = new ArrayList<String>();
        JsonNode ids = party.at("/PartyIdentification");
        Fields.withScheme(ids, "TIN").ifPresent(id -> details.add("TIN: " + Fields.text(id, "/ID/0/_")));
        for (String scheme : REGISTRATIONS) {
            Fields.withScheme(ids, scheme).ifPresent(id -> details.add(scheme + ": " + Fields.text(id, "/ID/0/_")));
        }
        Fields.withScheme(ids, "SST").ifPresent(id -> details.add("SST: " + Fields.text(id, "/ID/0/_")));
        JsonNode msic = party.at("/IndustryClassificationCode/0");
        if (!msic.isMissingNode()) {
            details.add("MSIC: " + Fields.text(msic, "/_") + " " + Fields.text(msic, "/name"));
        }
        details.addAll(address(party.at("/PostalAddress/0")));
        addIfPresent(details, "Phone: ", Fields.text(party, "/Contact/0/Telephone/0/_"));
        addIfPresent(details, "Email: ", Fields.text(party, "/Contact/0/ElectronicMail/0/_"));
        return new Copy.Party(Fields.text(party, "/PartyLegalEntity/0/RegistrationName/0/_"), details);
    }

    private static List<String> address(JsonNode address) {
        var lines = new ArrayList<String>();
        for (JsonNode line : address.path("AddressLine")) {
            addIfPresent(lines, "", Fields.text(line, "/Line/0/_"));
        }
        String town = (Fields.text(address, "/PostalZone/0/_") + " " + Fields.text(address, "/CityName/0/_")).strip();
        addIfPresent(lines, "", town);
        String state = Fields.text(address, "/CountrySubentityCode/0/_");
        String country = Fields.text(address, "/Country/0/IdentificationCode/0/_");
        String region = String.join(", ", List.of(CodeTable.STATES.description(state).orElse(state),
                CodeTable.COUNTRIES.description(country).orElse(country))).replaceAll("^, |, $", "");
        addIfPresent(lines, "", region);
        return lines;
    }

    private static void addIfPresent(List<String> lines, String label, String value) {
        if (!value.isEmpty() && !value.equals("NA")) {
            lines.add(label + value);
        }
    }
}
