package my.invois.auth;

import io.javalin.http.Context;

/**
 * The address a request comes from, for the failed-authentication lock-out. Behind a reverse
 * proxy every request comes from the proxy, so the operator sets INVOIS_TRUST_PROXY=true and
 * the address is the last one in X-Forwarded-For: the one our proxy added. Earlier entries are
 * whatever the client sent, so they are never trusted; without a proxy, neither is the header.
 */
public record ClientAddresses(boolean trustProxy) {

    public String of(Context ctx) {
        String forwarded = trustProxy ? ctx.header("X-Forwarded-For") : null;
        if (forwarded == null || forwarded.isBlank()) {
            return ctx.ip();
        }
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].strip();
    }
}
