package my.invois.simulator;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in MyInvois simulator (EINVOICE E10, docs/SIMULATOR.md): LHDN's endpoints, shapes,
 * limits and validators on a loopback port, with its state in schema myinvois_sim of the given
 * database. The product talks to it only over HTTP, as to LHDN.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);
    /** Above LHDN's 5 MB, so that a larger submission gets LHDN's answer rather than the server's. */
    static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private final Javalin app;
    private final Validation validation;
    private final CallLog callLog;

    private Simulator(Javalin app, Validation validation, CallLog callLog) {
        this.app = app;
        this.validation = validation;
        this.callLog = callLog;
    }

    public static Simulator start(SimulatorSettings settings, DataSource dataSource, Clock clock) {
        SimulatorSchema.migrate(dataSource);
        Jdbi jdbi = Jdbi.create(dataSource);
        var ids = new SimIds();
        var clients = new ClientRepository(jdbi);
        settings.clients().forEach(client -> clients.save(client.clientId(), client.clientSecret(), client.tin(), client.taxpayers()));
        var documents = new DocumentRepository(jdbi);
        var budgets = new Budgets(jdbi, clock);
        var faults = new FaultInjector(settings.faults());
        var validation = new Validation(documents, settings.validationDelay(), ids, clock);
        var submissions = new Submissions(jdbi, ids, clock, validation);
        var sessions = new Authentication(clients, clock);
        List<Routes> routes = List.of(
                new LoginRoutes(new Login(clients, settings.developmentSecret(), ids, clock), budgets)::register,
                new SubmissionRoutes(submissions, documents, budgets, faults)::register,
                new DocumentRoutes(documents, budgets, clock)::register,
                new SearchRoutes(jdbi, budgets)::register,
                new TaxpayerRoutes(clients, budgets)::register,
                new ControlRoutes(faults, budgets, clients)::register,
                new PortalRoutes(documents)::register);
        Javalin app = Javalin.create(config -> configure(config, faults, sessions, routes));
        var callLog = new CallLog(budgets);
        var simulator = new Simulator(app, validation, callLog);
        try {
            app.start("127.0.0.1", settings.port());
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        validation.resume();
        callLog.start();
        log.info("MyInvois simulator serving on {} (development mode {})", simulator.baseUrl(),
                settings.developmentSecret().isPresent() ? "on" : "off");
        return simulator;
    }

    interface Routes {
        void register(RoutesConfig routes);
    }

    private static void configure(JavalinConfig config, FaultInjector faults, Authentication sessions, List<Routes> routes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jsonMapper(new JavalinJackson(Ubl.MAPPER, false));
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
        config.router.ignoreTrailingSlashes = true;
        // LHDN answers every call with a correlationId header, quoted to its support (anchors §1.2).
        config.routes.before(ctx -> ctx.header("correlationId", UUID.randomUUID().toString()));
        config.routes.before("/connect/token", ctx -> faults.beforeCall());
        config.routes.before("/api/*", ctx -> {
            faults.beforeCall();
            sessions.authenticate(ctx);
        });
        config.routes.exception(LhdnException.class, (error, ctx) -> {
            error.headers().forEach(ctx::header);
            ctx.status(error.status()).json(error.body());
        });
        config.routes.exception(OAuthException.class, (error, ctx) ->
                ctx.status(400).json(Map.of("error", error.error(), "error_description", error.getMessage())));
        config.routes.exception(Exception.class, Simulator::unexpected);
        config.routes.error(404, ctx -> replace(ctx, 404, "NotFound", "No such resource"));
        config.routes.error(405, ctx -> replace(ctx, 405, "MethodNotAllowed", "This method is not allowed on this path"));
        config.routes.error(413, ctx -> replace(ctx, 400, "MaximumSizeExceeded", "The submission is over 5 MB"));
        routes.forEach(route -> route.register(config.routes));
    }

    private static void unexpected(Exception error, Context ctx) {
        log.error("MyInvois simulator: unexpected error on {} {}", ctx.method(), ctx.path(), error);
        ctx.status(500).json(new LhdnException(500, "InternalServerError", "An unexpected error occurred", null).body());
    }

    /** Routing outcomes in LHDN's error shape, unless a handler already wrote one. */
    private static void replace(Context ctx, int status, String code, String message) {
        String body = ctx.result();
        if (body == null || !body.startsWith("{\"error\"")) {
            ctx.status(status).json(new LhdnException(status, code, message, null).body());
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        callLog.close();
        validation.close();
        app.stop();
    }
}
