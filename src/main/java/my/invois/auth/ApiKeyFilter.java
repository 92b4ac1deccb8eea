package my.invois.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** SPEC A1: runs before routing on every /api/integrations/ request. */
public final class ApiKeyFilter implements Handler {

    public static final String HEADER = "X-Invois-Key";
    private static final String CLIENT = "invois.client";
    private static final String UNAUTHORIZED_BODY =
            "{\"error\":\"Unauthorized: Valid API key required\",\"message\":\"Invalid or missing API key\"}";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public void handle(Context ctx) {
        Optional<Client> client = presentedKey(ctx).flatMap(keys::authenticate);
        if (client.isEmpty()) {
            ctx.skipRemainingHandlers();
            ctx.status(401).contentType("application/json").result(UNAUTHORIZED_BODY);
            return;
        }
        ctx.attribute(CLIENT, client.get());
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
