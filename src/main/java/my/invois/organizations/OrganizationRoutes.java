package my.invois.organizations;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import my.invois.db.Ids;
import my.invois.http.FieldErrors;
import my.invois.http.Listing;
import my.invois.http.PageRequest;
import my.invois.http.QueryParams;
import my.invois.http.Requests;

/** SPEC A5, C1 organization endpoints and the premium tier catalogue: parse, call the service once, render. */
public final class OrganizationRoutes {

    static final String PATH = "/api/integrations/organizations";
    static final String PREMIUM_TIERS_PATH = "/api/integrations/premium-tiers";

    private final OrganizationService organizations;
    private final Requests requests;

    public OrganizationRoutes(OrganizationService organizations, Requests requests) {
        this.organizations = organizations;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{id}", this::get);
        routes.put(PATH + "/{id}", this::update);
        routes.delete(PATH + "/{id}", this::delete);
        routes.get(PREMIUM_TIERS_PATH, this::premiumTiers);
    }

    private void list(Context ctx) {
        var errors = new FieldErrors();
        var filter = new OrganizationFilter(QueryParams.search(ctx.queryParamMap(), errors),
                QueryParams.text(ctx.queryParamMap(), "slug", Slugs.MAX_LENGTH, errors));
        PageRequest page = PageRequest.parse(ctx.queryParamMap(), errors);
        errors.throwIfAny();
        ctx.json(organizations.list(filter, page).map(OrganizationJson::listItem));
    }

    private void create(Context ctx) {
        NewOrganization request = OrganizationFields.forCreate(requests.jsonObject(ctx), organizations.premiumTierIds());
        OrganizationDetails created = organizations.create(request);
        ctx.status(201).header("Location", PATH + "/" + created.organization().id()).json(OrganizationJson.full(created));
    }

    private void get(Context ctx) {
        ctx.json(OrganizationJson.full(organizations.get(organizationId(ctx))));
    }

    private void update(Context ctx) {
        String id = organizationId(ctx);
        OrganizationFields changes = OrganizationFields.forUpdate(requests.jsonObject(ctx), organizations.premiumTierIds());
        ctx.json(OrganizationJson.full(organizations.update(id, changes)));
    }

    private void delete(Context ctx) {
        organizations.delete(organizationId(ctx));
        ctx.status(204);
    }

    private void premiumTiers(Context ctx) {
        ctx.json(Listing.of(organizations.premiumTiers().stream().map(OrganizationJson::tier).toList()));
    }

    /** The {id} of every path under an organization; an id that cannot be one is a 404, as an unknown one. */
    public static String organizationId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!Ids.isWellFormed("org", id)) {
            throw OrganizationService.notFound();
        }
        return id;
    }
}
