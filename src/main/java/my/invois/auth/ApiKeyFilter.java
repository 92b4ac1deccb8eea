package my.invois.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.http.ApiException;

/** SPEC A1: runs before routing on every /api/integrations/ request, and on /metrics on the API port. */
public final class ApiKeyFilter implements Handler {

    public static final String HEADER = "X-Invois-Key";
    private static final String BEARER = "Bearer ";
    private static final String CLIENT = "invois.client";
    private static final String UNAUTHORIZED_BODY =
            "{\"error\":\"Unauthorized: Valid API key required\",\"message\":\"Invalid or missing API key\"}";

    private final ApiKeys keys;
    private final AuthFailureLimiter failures;
    private final ClientAddresses addresses;
    private final boolean bearer;

    public ApiKeyFilter(ApiKeys keys, AuthFailureLimiter failures, ClientAddresses addresses) {
        this(keys, failures, addresses, false);
    }

    private ApiKeyFilter(ApiKeys keys, AuthFailureLimiter failures, ClientAddresses addresses, boolean bearer) {
        this.keys = keys;
        this.failures = failures;
        this.addresses = addresses;
        this.bearer = bearer;
    }

    /**
     * The same check, also taking the key as {@code Authorization: Bearer <key>} when no
     * X-Invois-Key is sent: Prometheus's scrape configuration can send only that header.
     */
    public ApiKeyFilter orBearer() {
        return new ApiKeyFilter(keys, failures, addresses, true);
    }

    /**
     * A valid key is admitted even from a locked-out address: behind a shared NAT anyone could
     * otherwise lock the integrator out with a few bad requests. Keys are at least 16 random
     * characters, beyond any guessing; the lock-out refuses the guesses and names the address.
     */
    @Override
    public void handle(Context ctx) {
        String address = addresses.of(ctx);
        Optional<Client> client = presentedKey(ctx, bearer).flatMap(keys::authenticate);
        if (client.isPresent()) {
            ctx.attribute(CLIENT, client.get());
            return;
        }
        Optional<Duration> locked = failures.lockedOut(address).or(() -> failures.recordFailure(address));
        if (locked.isPresent()) {
            throw lockedOut(ctx, locked.get());
        }
        ctx.skipRemainingHandlers();
        ctx.status(401).contentType("application/json").result(UNAUTHORIZED_BODY);
    }

    /** SPEC A3: a 429 carries its figures; retry_after as in A2's rate-limit 429. Also the webhooks' lock-out. */
    public static ApiException lockedOut(Context ctx, Duration remaining) {
        long seconds = Math.max(1, (remaining.toMillis() + 999) / 1000);
        ctx.header("Retry-After", String.valueOf(seconds));
        return new ApiException(429, "Rate Limit Exceeded", "Too many failed authentication attempts. Please try again later.",
                Optional.of(Map.of("retry_after", seconds)));
    }

    public static Client client(Context ctx) {
        return ctx.attribute(CLIENT);
    }

    /**
     * Exactly one non-empty header; the name matches case-insensitively (servlet rules). A sent
     * X-Invois-Key is the only key looked at, so one request never tries two keys.
     */
    private static Optional<String> presentedKey(Context ctx, boolean bearer) {
        List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
        if (values.isEmpty() && bearer) {
            return bearerToken(Collections.list(ctx.req().getHeaders("Authorization")));
        }
        if (values.size() != 1 || values.get(0).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }

    /** RFC 6750, 2.1; the scheme's name is case-insensitive (RFC 9110, 11.1). */
    private static Optional<String> bearerToken(List<String> authorizations) {
        if (authorizations.size() != 1 || !authorizations.get(0).regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorizations.get(0).substring(BEARER.length());
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
