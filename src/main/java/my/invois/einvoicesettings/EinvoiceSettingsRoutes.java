package my.invois.einvoicesettings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import my.invois.http.Requests;
import my.invois.organizations.OrganizationRoutes;

/** E2 settings endpoints: parse, call the service once, render. */
public final class EinvoiceSettingsRoutes {

    static final String PATH = "/api/integrations/organizations/{id}/einvoice-settings";

    private final EinvoiceSettingsService settings;
    private final Requests requests;

    public EinvoiceSettingsRoutes(EinvoiceSettingsService settings, Requests requests) {
        this.settings = settings;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::get);
        routes.put(PATH, this::update);
    }

    private void get(Context ctx) {
        ctx.json(EinvoiceSettingsJson.of(settings.get(OrganizationRoutes.organizationId(ctx))));
    }

    private void update(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        EinvoiceSettingsFields changes = EinvoiceSettingsFields.forUpdate(requests.jsonObject(ctx));
        ctx.json(EinvoiceSettingsJson.of(settings.update(organizationId, changes)));
    }

}
