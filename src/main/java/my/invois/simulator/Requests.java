package my.invois.simulator;

import io.javalin.http.Context;
import java.util.Optional;

/** Reading what a request carries: the session, bounded integer query parameters. */
final class Requests {

    static final String SESSION = "myinvois.session";

    private Requests() {
    }

    static Session session(Context ctx) {
        Session session = ctx.attribute(SESSION);
        if (session == null) {
            throw LhdnException.unauthorized();
        }
        return session;
    }

    static int integer(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw LhdnException.badArgument(name + " must be a whole number from " + min + " to " + max, name);
    }

    static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::trim).filter(value -> !value.isEmpty());
    }
}
