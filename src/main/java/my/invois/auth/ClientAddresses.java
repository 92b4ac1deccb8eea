package my.invois.auth;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * The address a request comes from, for the failed-authentication lock-out. Behind a reverse
 * proxy every request comes from the proxy, so the operator sets INVOIS_TRUST_PROXY=true and
 * the address is the last one in X-Forwarded-For: the one our proxy added. Earlier entries are
 * whatever the client sent, so they are never trusted; without a proxy, neither is the header.
 */
public record ClientAddresses(boolean trustProxy) {

    public String of(Context ctx) {
        if (!trustProxy) {
            return ctx.ip();
        }
        // A header sent on several lines is one list (RFC 9110 5.3): the client may write the
        // first lines, so only the last entry of the last line is the proxy's.
        List<String> lines = Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
        String forwarded = String.join(",", lines);
        if (forwarded.isBlank()) {
            return ctx.ip();
        }
        String[] hops = forwarded.split(",");
        String last = hops.length == 0 ? "" : hops[hops.length - 1].strip();
        return last.isEmpty() ? ctx.ip() : last;
    }
}
