package my.invois.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/**
 * The matched endpoint's path template ({@code /api/integrations/users/{id}}) for logs and
 * metrics, never the raw path: raw paths carry ids and anything a client types, so they would
 * flood a metrics store and leak data into logs.
 */
public final class RouteTemplates {

    /** Requests no endpoint answered: unknown paths, wrong methods, refusals before routing. */
    public static final String UNMATCHED = "unmatched";

    private RouteTemplates() {
    }

    public static String of(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? UNMATCHED : endpoint.path;
    }
}
