package my.invois.simulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/** POST /connect/token, LHDN's identity service (anchors §1.2). */
final class LoginRoutes {

    private final Login login;
    private final Budgets budgets;

    LoginRoutes(Login login, Budgets budgets) {
        this.login = login;
        this.budgets = budgets;
    }

    void register(RoutesConfig routes) {
        routes.post("/connect/token", this::token);
    }

    private void token(Context ctx) {
        String clientId = form(ctx, "client_id");
        String secret = form(ctx, "client_secret");
        if (clientId.isEmpty() || secret.isEmpty()) {
            throw new OAuthException("invalid_request", "client_id and client_secret are required");
        }
        budgets.charge(clientId, Api.LOGIN);
        if (!form(ctx, "grant_type").equals("client_credentials")) {
            throw new OAuthException("unsupported_grant_type", "grant_type must be client_credentials");
        }
        String scope = form(ctx, "scope");
        if (!scope.isEmpty() && !scope.equals("InvoicingAPI")) {
            throw new OAuthException("invalid_scope", "scope must be InvoicingAPI");
        }
        Optional<String> onBehalfOf = Optional.ofNullable(ctx.header("onbehalfof")).map(String::trim).filter(value -> !value.isEmpty());
        Login.Token token = login.login(clientId, secret, onBehalfOf);
        ctx.json(Map.of("access_token", token.accessToken(), "token_type", token.tokenType(),
                "expires_in", token.expiresIn(), "scope", token.scope()));
    }

    private static String form(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }
}
