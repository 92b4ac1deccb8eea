package my.invois.simulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GET /api/v1.0/taxpayer/validate/{tin}?idType=&idValue= (anchors §1.3): 200 when the TIN and
 * the ID belong together, 404 when not, 400 for a malformed request. The simulator knows the
 * taxpayers registered on it; for a development client every well-formed TIN is valid.
 */
final class TaxpayerRoutes {

    static final Set<String> ID_TYPES = Set.of("NRIC", "PASSPORT", "BRN", "ARMY");
    /** Individual IG… or a non-individual prefix, digits, ending in 0 (anchors §1.7). */
    static final Pattern TIN = Pattern.compile("IG\\d{9,12}|(C|CS|D|E|F|FA|PT|TA|TC|TN|TR|TP|J|LE)\\d{1,12}0|EI\\d{11}");

    private final ClientRepository clients;
    private final Budgets budgets;
    TaxpayerRoutes(ClientRepository clients, Budgets budgets) {
        this.clients = clients;
        this.budgets = budgets;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1.0/taxpayer/validate/{tin}", this::validate);
    }

    private void validate(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.VALIDATE_TIN);
        String tin = ctx.pathParam("tin").trim();
        String idType = Requests.text(ctx, "idType").orElse("");
        String idValue = Requests.text(ctx, "idValue").orElse("");
        if (tin.length() > 14 || !ID_TYPES.contains(idType) || idValue.isEmpty()) {
            throw LhdnException.badArgument("A TIN of at most 14 characters, idType (NRIC, PASSPORT, BRN, ARMY) and idValue are required", "tin");
        }
        boolean known = clients.taxpayerExists(tin, idType, idValue) || session.clientTin().isEmpty() && TIN.matcher(tin).matches();
        if (!known) {
            throw LhdnException.notFound("No taxpayer " + tin + " with this " + idType);
        }
        ctx.status(200);
    }
}
