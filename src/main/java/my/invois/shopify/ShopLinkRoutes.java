package my.invois.shopify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;
import my.invois.http.Requests;
import my.invois.http.Timestamps;
import my.invois.organizations.OrganizationRoutes;

/** E3 shop link endpoints: parse, call the service once, render. */
public final class ShopLinkRoutes {

    static final String PATH = "/api/integrations/organizations/{id}/shopify";

    private final ShopLinkService shops;
    private final Requests requests;

    record ShopLinkJson(String organizationId, String shopDomain, String createdAt, String updatedAt) {
    }

    public ShopLinkRoutes(ShopLinkService shops, Requests requests) {
        this.shops = shops;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::get);
        routes.put(PATH, this::link);
        routes.delete(PATH, this::unlink);
    }

    private void get(Context ctx) {
        ctx.json(json(shops.get(OrganizationRoutes.organizationId(ctx))));
    }

    private void link(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        var errors = new FieldErrors();
        var fields = new BodyFields(requests.jsonObject(ctx), errors);
        fields.rejectUnknown(Set.of("shopDomain"), Set.of("organizationId", "createdAt", "updatedAt"));
        Patch<String> domain = fields.text("shopDomain", "Shop domain", value -> ShopDomains.check(ShopDomains.normalise(value)))
                .map(ShopDomains::normalise);
        BodyFields.require(domain, "shopDomain", "Shop domain", errors);
        errors.throwIfAny();
        ctx.json(json(shops.link(organizationId, domain.applyTo(null))));
    }

    private void unlink(Context ctx) {
        shops.unlink(OrganizationRoutes.organizationId(ctx));
        ctx.status(204);
    }

    private static ShopLinkJson json(ShopLink link) {
        return new ShopLinkJson(link.organizationId(), link.shopDomain(), Timestamps.format(link.createdAt()),
                Timestamps.format(link.updatedAt()));
    }

}
