package my.invois.simulator;

import io.javalin.http.Context;
import java.time.Clock;

/** Every /api call carries a Bearer token from /connect/token that has not expired (else 401). */
final class Authentication {

    private final ClientRepository clients;
    private final Clock clock;

    Authentication(ClientRepository clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw LhdnException.unauthorized();
        }
        Session session = clients.session(header.substring(7).trim(), clock.instant()).orElseThrow(LhdnException::unauthorized);
        ctx.attribute(Requests.SESSION, session);
    }
}
