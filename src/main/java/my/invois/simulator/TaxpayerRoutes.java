package my.invois.simulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * GET /api/v1.0/taxpayer/validate/{tin}?idType=&idValue= (anchors §1.3): 200 when the TIN and the
 * ID belong to one taxpayer of the simulator's register, 404 when not, 400 for a malformed
 * request. As at LHDN, the answer is the register's whoever asks, a development client included.
 * The register is {@link #EXAMPLES} and the taxpayers added with POST /simulator/taxpayers.
 */
final class TaxpayerRoutes {

    static final Set<String> ID_TYPES = Set.of("NRIC", "PASSPORT", "BRN", "ARMY");

    record Taxpayer(String tin, String idType, String idValue) {
    }

    /**
     * Known to every simulator, as its code tables are: the example of LHDN's Validate TIN page
     * (SDK einvoicingapi/01) and the buyer of the README's first e-invoice (docs/SIMULATOR.md).
     */
    static final Set<Taxpayer> EXAMPLES = Set.of(
            new Taxpayer("C25845632020", "BRN", "201901234567"),
            new Taxpayer("IG12345678090", "NRIC", "900101145678"));

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
        boolean known = EXAMPLES.contains(new Taxpayer(tin, idType, idValue)) || clients.taxpayerExists(tin, idType, idValue);
        if (!known) {
            throw LhdnException.notFound("No taxpayer " + tin + " with this " + idType);
        }
        ctx.status(200);
    }
}
