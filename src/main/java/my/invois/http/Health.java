package my.invois.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** SPEC E: /health answers 200 while the process serves and the database answers; nothing else. */
public final class Health {

    private static final Map<String, String> OK = Map.of("status", "ok");

    private final BooleanSupplier databaseReachable;

    public Health(BooleanSupplier databaseReachable) {
        this.databaseReachable = databaseReachable;
    }

    public void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/health/live", ctx -> ctx.json(OK));
    }

    private void health(Context ctx) {
        if (!databaseReachable.getAsBoolean()) {
            throw ApiException.unavailable();
        }
        ctx.json(OK);
    }
}
