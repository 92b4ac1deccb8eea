package my.invois.memberships;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;
import my.invois.db.Ids;
import my.invois.http.ApiException;
import my.invois.http.FieldErrors;
import my.invois.http.Listing;
import my.invois.http.PageRequest;
import my.invois.http.Requests;
import my.invois.organizations.OrganizationJson;
import my.invois.organizations.OrganizationMember;
import my.invois.organizations.OrganizationService;
import my.invois.users.UserService;

/** SPEC C1 member endpoints and SPEC A5's organizations of a user: parse, call the service once, render. */
public final class MembershipRoutes {

    static final String ORGANIZATIONS_PATH = "/api/integrations/organizations";
    static final String MEMBERS_PATH = ORGANIZATIONS_PATH + "/{id}/members";
    static final String USER_ORGANIZATIONS_PATH = "/api/integrations/users/{id}/organizations";

    private final MembershipService memberships;
    private final Requests requests;

    public MembershipRoutes(MembershipService memberships, Requests requests) {
        this.memberships = memberships;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(MEMBERS_PATH, this::list);
        routes.post(MEMBERS_PATH, this::add);
        routes.get(MEMBERS_PATH + "/{memberId}", this::get);
        routes.put(MEMBERS_PATH + "/{memberId}", this::update);
        routes.delete(MEMBERS_PATH + "/{memberId}", this::remove);
        routes.get(USER_ORGANIZATIONS_PATH, this::organizationsOfUser);
    }

    private void list(Context ctx) {
        String organizationId = organizationId(ctx);
        var errors = new FieldErrors();
        PageRequest page = PageRequest.parse(ctx.queryParamMap(), errors);
        errors.throwIfAny();
        ctx.json(memberships.list(organizationId, page).map(OrganizationJson::member));
    }

    private void add(Context ctx) {
        String organizationId = organizationId(ctx);
        NewMembership request = MembershipFields.forCreate(requests.jsonObject(ctx));
        OrganizationMember added = memberships.add(organizationId, request);
        ctx.status(201)
                .header("Location", ORGANIZATIONS_PATH + "/" + organizationId + "/members/" + added.id())
                .json(OrganizationJson.member(added));
    }

    private void get(Context ctx) {
        String organizationId = organizationId(ctx);
        ctx.json(OrganizationJson.member(memberships.get(organizationId, memberId(ctx))));
    }

    private void update(Context ctx) {
        String organizationId = organizationId(ctx);
        String memberId = memberId(ctx);
        var role = MembershipFields.forUpdate(requests.jsonObject(ctx));
        ctx.json(OrganizationJson.member(memberships.update(organizationId, memberId, role)));
    }

    private void remove(Context ctx) {
        String organizationId = organizationId(ctx);
        memberships.remove(organizationId, memberId(ctx));
        ctx.status(204);
    }

    private void organizationsOfUser(Context ctx) {
        String userId = pathId(ctx, "id", "user", UserService::notFound);
        var errors = new FieldErrors();
        PageRequest page = PageRequest.pageOf(ctx.queryParamMap(), MembershipService.ORGANIZATIONS_PER_PAGE, errors);
        errors.throwIfAny();
        Listing<UserOrganization> organizations = memberships.organizationsOf(userId, page);
        ctx.json(Listing.of(organizations.data().stream().map(MembershipJson::userOrganization).toList(), organizations.meta().total()));
    }

    private static String organizationId(Context ctx) {
        return pathId(ctx, "id", "org", OrganizationService::notFound);
    }

    private static String memberId(Context ctx) {
        return pathId(ctx, "memberId", "member", MembershipService::notFound);
    }

    /** A malformed id cannot name a stored row: 404 without asking the database. */
    private static String pathId(Context ctx, String name, String prefix, Supplier<ApiException> notFound) {
        String id = ctx.pathParam(name);
        if (!Ids.isWellFormed(prefix, id)) {
            throw notFound.get();
        }
        return id;
    }
}
