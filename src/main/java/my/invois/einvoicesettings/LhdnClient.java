package my.invois.einvoicesettings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Whose LHDN client submits (E1, E2): Invois's intermediary client acting with onbehalfof the
 * merchant's TIN, or the merchant's own taxpayer client with its own signing certificate.
 */
public enum LhdnClient {
    INTERMEDIARY, OWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<LhdnClient> parse(String label) {
        return Arrays.stream(values()).filter(client -> client.label().equals(label)).findFirst();
    }
}
