package my.invois.myinvois;

import java.util.Optional;

/**
 * Who calls LHDN for one taxpayer: a client ID and secret, and the taxpayer's TIN. An
 * intermediary client (E1) names the taxpayer in {@code onbehalfof} ({@code TIN} or
 * {@code TIN:ROB}); a merchant's own client (E2) is the taxpayer and sends none.
 * toString hides the secret.
 */
public record LhdnAccount(String clientId, String clientSecret, String tin, Optional<String> onBehalfOf) {

    public static LhdnAccount intermediary(String clientId, String clientSecret, String onBehalfOf) {
        return new LhdnAccount(clientId, clientSecret, onBehalfOf.split(":", 2)[0], Optional.of(onBehalfOf));
    }

    public static LhdnAccount own(String clientId, String clientSecret, String tin) {
        return new LhdnAccount(clientId, clientSecret, tin, Optional.empty());
    }

    /** The key of this account's token: one per (client ID, taxpayer as onbehalfof names it). */
    String taxpayer() {
        return onBehalfOf.orElse(tin);
    }

    @Override
    public String toString() {
        return "LhdnAccount[clientId=" + clientId + ", clientSecret=****, tin=" + tin + ", onBehalfOf=" + onBehalfOf.orElse("none") + "]";
    }
}
