package my.invois.users;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import my.invois.db.Ids;
import my.invois.http.FieldErrors;
import my.invois.http.PageRequest;
import my.invois.http.QueryParams;
import my.invois.http.Requests;

/** SPEC A5 user endpoints: parse, call the service once, render. */
public final class UserRoutes {

    static final String PATH = "/api/integrations/users";

    private final UserService users;
    private final Requests requests;

    public UserRoutes(UserService users, Requests requests) {
        this.users = users;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::create);
        routes.get(PATH + "/{id}", this::get);
        routes.put(PATH + "/{id}", this::update);
        routes.delete(PATH + "/{id}", this::delete);
    }

    private void list(Context ctx) {
        var errors = new FieldErrors();
        var filter = new UserFilter(QueryParams.search(ctx.queryParamMap(), errors),
                QueryParams.text(ctx.queryParamMap(), "email", UserRules.MAX_EMAIL_LENGTH, errors));
        PageRequest page = PageRequest.parse(ctx.queryParamMap(), errors);
        errors.throwIfAny();
        ctx.json(users.list(filter, page).map(UserJson::listItem));
    }

    private void create(Context ctx) {
        NewUser request = UserFields.forCreate(requests.jsonObject(ctx), users.today());
        UserDetails created = users.create(request);
        ctx.status(201).header("Location", PATH + "/" + created.user().id()).json(UserJson.full(created));
    }

    private void get(Context ctx) {
        ctx.json(UserJson.full(users.get(id(ctx))));
    }

    private void update(Context ctx) {
        String id = id(ctx);
        UserFields changes = UserFields.forUpdate(requests.jsonObject(ctx), users.today());
        ctx.json(UserJson.full(users.update(id, changes)));
    }

    private void delete(Context ctx) {
        users.delete(id(ctx));
        ctx.status(204);
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!Ids.isWellFormed("user", id)) {
            throw UserService.notFound();
        }
        return id;
    }
}
