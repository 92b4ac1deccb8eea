package my.invois.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import my.invois.http.ApiException;

/** SPEC A1: runs before routing on every /api/integrations/ request. */
public final class ApiKeyFilter implements Handler {

    public static final String HEADER = "X-Invois-Key";
    private static final String CLIENT = "invois.client";
    private static final String UNAUTHORIZED_BODY =
            "{\"error\":\"Unauthorized: Valid API key required\",\"message\":\"Invalid or missing API key\"}";

    private final ApiKeys keys;
    private final AuthFailureLimiter failures;
    private final ClientAddresses addresses;

    public ApiKeyFilter(ApiKeys keys, AuthFailureLimiter failures, ClientAddresses addresses) {
        this.keys = keys;
        this.failures = failures;
        this.addresses = addresses;
    }

    /** A locked-out address is refused even with a valid key, so a guessed key cannot be confirmed. */
    @Override
    public void handle(Context ctx) {
        String address = addresses.of(ctx);
        Optional<Duration> locked = failures.lockedOut(address);
        if (locked.isPresent()) {
            throw lockedOut(ctx, locked.get());
        }
        Optional<Client> client = presentedKey(ctx).flatMap(keys::authenticate);
        if (client.isEmpty()) {
            Optional<Duration> nowLocked = failures.recordFailure(address);
            if (nowLocked.isPresent()) {
                throw lockedOut(ctx, nowLocked.get());
            }
            ctx.skipRemainingHandlers();
            ctx.status(401).contentType("application/json").result(UNAUTHORIZED_BODY);
            return;
        }
        ctx.attribute(CLIENT, client.get());
    }

    private static ApiException lockedOut(Context ctx, Duration remaining) {
        ctx.header("Retry-After", String.valueOf(Math.max(1, (remaining.toMillis() + 999) / 1000)));
        return new ApiException(429, "Rate Limit Exceeded", "Too many failed authentication attempts. Please try again later.", Optional.empty());
    }

    public static Client client(Context ctx) {
        return ctx.attribute(CLIENT);
    }

    /** Exactly one non-empty header; the name matches case-insensitively (servlet rules). */
    private static Optional<String> presentedKey(Context ctx) {
        List<String> values = Collections.list(ctx.req().getHeaders(HEADER));
        if (values.size() != 1 || values.get(0).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0));
    }
}
