package my.invois.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * LHDN's identity service (anchors §1.2): client credentials, optionally {@code onbehalfof: TIN}
 * or {@code TIN:ROB} for an intermediary, give a one-hour Bearer token that carries the taxpayer.
 */
final class Login {

    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    record Token(String accessToken, String tokenType, long expiresIn, String scope) {
    }

    private final ClientRepository clients;
    private final Optional<String> developmentSecret;
    private final SimIds ids;
    private final Clock clock;

    Login(ClientRepository clients, Optional<String> developmentSecret, SimIds ids, Clock clock) {
        this.clients = clients;
        this.developmentSecret = developmentSecret;
        this.ids = ids;
        this.clock = clock;
    }

    Token login(String clientId, String secret, Optional<String> onBehalfOf) {
        RegisteredClient client = clients.find(clientId, secret).or(() -> development(clientId, secret))
                .orElseThrow(() -> new OAuthException("invalid_client", "Unknown client_id or wrong client_secret"));
        String taxpayer = taxpayer(client, onBehalfOf).orElseThrow(() -> new OAuthException("invalid_grant",
                "The client may not act for this taxpayer (onbehalfof), or names none"));
        String token = ids.token();
        clients.saveToken(token, clientId, taxpayer, clock.instant().plus(TOKEN_LIFETIME));
        return new Token(token, "Bearer", TOKEN_LIFETIME.toSeconds(), "InvoicingAPI");
    }

    /** A development client is registered on its first login, acting for any taxpayer. */
    private Optional<RegisteredClient> development(String clientId, String secret) {
        if (developmentSecret.filter(secret::equals).isEmpty()) {
            return Optional.empty();
        }
        clients.save(clientId, secret, Optional.empty(), null);
        return clients.find(clientId, secret);
    }

    /** The TIN part of onbehalfof (a ROB after ':' names the business, not another taxpayer). */
    private static Optional<String> taxpayer(RegisteredClient client, Optional<String> onBehalfOf) {
        if (onBehalfOf.isEmpty()) {
            return client.tin();
        }
        String tin = onBehalfOf.get().split(":", 2)[0].trim();
        Set<String> allowed = client.taxpayers();
        return tin.isEmpty() || !(allowed.contains("*") || allowed.contains(tin) || client.tin().filter(tin::equals).isPresent())
                ? Optional.empty() : Optional.of(tin);
    }
}
