package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's own endpoints, which LHDN does not have (docs/SIMULATOR.md): faults, call
 * counts, and registering clients and taxpayers at run time. Loopback only, like the simulator.
 */
final class ControlRoutes {

    static final String PATH = "/simulator";

    private final FaultInjector faults;
    private final Budgets budgets;
    private final ClientRepository clients;

    ControlRoutes(FaultInjector faults, Budgets budgets, ClientRepository clients) {
        this.faults = faults;
        this.budgets = budgets;
        this.clients = clients;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH + "/faults", ctx -> ctx.json(json(faults.faults())));
        routes.post(PATH + "/faults", this::setFaults);
        routes.get(PATH + "/stats", ctx -> ctx.json(Map.of("minutes", budgets.all())));
        routes.post(PATH + "/clients", this::registerClient);
        routes.post(PATH + "/taxpayers", this::registerTaxpayer);
    }

    private void setFaults(Context ctx) {
        JsonNode body = json(ctx);
        Faults current = faults.faults();
        double error = rate(body, "errorRate", current.errorRate());
        double hang = rate(body, "hangRate", current.hangRate());
        double acceptThenTimeout = rate(body, "acceptThenTimeoutRate", current.acceptThenTimeoutRate());
        long hangMillis = body.path("hangMillis").asLong(current.hang().toMillis());
        if (error + hang > 1 || hangMillis < 0 || hangMillis > Faults.MAX_HANG.toMillis()) {
            throw LhdnException.badArgument("errorRate + hangRate must be at most 1 and hangMillis 0 to 60000", "faults");
        }
        var updated = new Faults(error, hang, acceptThenTimeout, body.path("tooManyRequests").asBoolean(current.tooManyRequests()),
                Duration.ofMillis(hangMillis), body.path("seed").asLong(current.seed()));
        faults.set(updated);
        ctx.json(json(updated));
    }

    private void registerClient(Context ctx) {
        JsonNode body = json(ctx);
        String id = body.path("clientId").asText("");
        String secret = body.path("clientSecret").asText("");
        Optional<String> tin = Optional.of(body.path("tin").asText("")).filter(text -> !text.isBlank());
        if (id.isBlank() || secret.isBlank() || tin.isEmpty()) {
            throw LhdnException.badArgument("clientId, clientSecret and tin are required; taxpayers optional", "clientId");
        }
        var taxpayers = new HashSet<String>();
        body.path("taxpayers").forEach(taxpayer -> taxpayers.add(taxpayer.asText()));
        clients.save(id, secret, tin, taxpayers);
        ctx.status(204);
    }

    private void registerTaxpayer(Context ctx) {
        JsonNode body = json(ctx);
        String tin = body.path("tin").asText("");
        String type = body.path("idType").asText("");
        String value = body.path("idValue").asText("");
        if (tin.isBlank() || !TaxpayerRoutes.ID_TYPES.contains(type) || value.isBlank()) {
            throw LhdnException.badArgument("tin, idType (NRIC, PASSPORT, BRN, ARMY) and idValue are required", "tin");
        }
        clients.saveTaxpayer(tin, type, value);
        ctx.status(204);
    }

    private static Map<String, Object> json(Faults current) {
        return Map.of("errorRate", current.errorRate(), "hangRate", current.hangRate(),
                "acceptThenTimeoutRate", current.acceptThenTimeoutRate(), "tooManyRequests", current.tooManyRequests(),
                "hangMillis", current.hang().toMillis(), "seed", current.seed());
    }

    private static double rate(JsonNode body, String name, double fallback) {
        double value = body.path(name).asDouble(fallback);
        if (value < 0 || value > 1) {
            throw LhdnException.badArgument(name + " must be from 0 to 1", name);
        }
        return value;
    }

    private static JsonNode json(Context ctx) {
        return Ubl.parse(ctx.bodyAsBytes()).filter(JsonNode::isObject)
                .orElseThrow(() -> LhdnException.badArgument("The body must be a JSON object", "body"));
    }
}
