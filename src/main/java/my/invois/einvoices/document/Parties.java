package my.invois.einvoices.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Supplier and buyer blocks in the shape and key order of LHDN's v1.1 samples. */
final class Parties {

    private Parties() {
    }

    static ArrayNode supplier(Supplier supplier) {
        ObjectNode party = Ubl.object();
        party.set("IndustryClassificationCode", Ubl.text(supplier.msicCode(), "name", supplier.businessActivity()));
        party.set("PartyIdentification", identification(supplier.tin(), supplier.registrationType(),
                supplier.registrationNumber(), supplier.sstNumber(), supplier.tourismTaxNumber()));
        party.set("PostalAddress", address(supplier.address()));
        party.set("PartyLegalEntity", legalEntity(supplier.name()));
        party.set("Contact", contact(supplier.phone(), supplier.email()));
        return Ubl.one(Ubl.object().set("Party", Ubl.one(party)));
    }

    static ArrayNode buyer(Buyer buyer) {
        ObjectNode party = Ubl.object();
        party.set("PostalAddress", address(buyer.address()));
        party.set("PartyLegalEntity", legalEntity(buyer.name()));
        party.set("PartyIdentification", identification(buyer.tin(), buyer.registrationType(),
                buyer.registrationNumber(), buyer.sstNumber(), "NA"));
        party.set("Contact", contact(buyer.phone(), buyer.email()));
        return Ubl.one(Ubl.object().set("Party", Ubl.one(party)));
    }

    private static ArrayNode identification(String tin, String registrationType, String registrationNumber,
            String sst, String ttx) {
        return Ubl.one(id(tin, "TIN"), id(registrationNumber, registrationType), id(sst, "SST"), id(ttx, "TTX"));
    }

    private static ObjectNode id(String value, String scheme) {
        return Ubl.object().set("ID", Ubl.text(value, "schemeID", scheme));
    }

    private static ArrayNode address(Address address) {
        ObjectNode postal = Ubl.object();
        postal.set("CityName", Ubl.text(address.city()));
        if (!address.postcode().isEmpty()) {
            postal.set("PostalZone", Ubl.text(address.postcode()));
        }
        postal.set("CountrySubentityCode", Ubl.text(address.state()));
        ArrayNode lines = Ubl.one();
        address.lines().forEach(line -> lines.add(Ubl.object().set("Line", Ubl.text(line))));
        postal.set("AddressLine", lines);
        postal.set("Country", Ubl.one(Ubl.object().set("IdentificationCode",
                Ubl.text(address.country(), "listID", "ISO3166-1", "listAgencyID", "6"))));
        return Ubl.one(postal);
    }

    private static ArrayNode legalEntity(String name) {
        return Ubl.one(Ubl.object().set("RegistrationName", Ubl.text(name)));
    }

    /** Email is optional for LHDN and "NA" is not an address, so an empty one is left out. */
    private static ArrayNode contact(String phone, String email) {
        ObjectNode contact = Ubl.object();
        contact.set("Telephone", Ubl.text(phone));
        if (email != null && !email.isBlank()) {
            contact.set("ElectronicMail", Ubl.text(email));
        }
        return Ubl.one(contact);
    }
}
