package my.invois.einvoices.document;

import java.util.List;

/** A postal address as LHDN wants it (E2): 1–3 lines, state and country as LHDN codes. */
public record Address(List<String> lines, String city, String postcode, String state, String country) {

    public Address {
        lines = List.copyOf(lines);
    }
}
