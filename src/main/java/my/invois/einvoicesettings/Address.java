package my.invois.einvoicesettings;

import java.util.List;
import java.util.Optional;

/** The supplier's postal address (Invoice v1.1 PostalAddress); state and country are LHDN codes. */
public record Address(List<String> lines, String city, Optional<String> postcode, String state, String country) {

    static final String MALAYSIA = "MYS";
    static final String STATE_NOT_APPLICABLE = "17";

    public Address {
        lines = List.copyOf(lines);
    }
}
