package my.invois.orders;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import my.invois.einvoices.EInvoiceJson;
import my.invois.einvoices.ValidationLinks;
import my.invois.einvoices.EInvoiceRoutes;
import my.invois.http.FieldErrors;
import my.invois.http.PageRequest;
import my.invois.http.QueryParams;
import my.invois.http.Requests;
import my.invois.organizations.OrganizationRoutes;

/** E3 orders and E5's buyer request: parse, call the service once, render. */
public final class OrderRoutes {

    static final String PATH = "/api/integrations/organizations/{id}/orders";
    private static final String EINVOICES = "/api/integrations/organizations/%s/einvoices/%s";

    private final OrderService orders;
    private final Requests requests;

    private final ValidationLinks links;

    public OrderRoutes(OrderService orders, Requests requests, ValidationLinks links) {
        this.orders = orders;
        this.requests = requests;
        this.links = links;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::receive);
        routes.get(PATH + "/{orderId}", this::get);
        routes.post(PATH + "/{orderId}/einvoice-request", this::request);
    }

    /** 202: accepted and classified (E3); 200 when the same order came again and nothing changed. */
    private void receive(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        OrderService.Received received = orders.receive(organizationId, requests.jsonObject(ctx));
        ctx.status(received.changed() ? 202 : 200).json(OrderJson.of(received.order()));
    }

    private void list(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        var errors = new FieldErrors();
        var filter = new OrderFilter(organizationId,
                QueryParams.oneOf(ctx.queryParamMap(), "status", Classified.STATUSES, errors),
                QueryParams.matching(ctx.queryParamMap(), "month", EInvoiceRoutes.MONTH, "The month must be YYYY-MM, such as 2026-11", errors));
        PageRequest page = PageRequest.parse(ctx.queryParamMap(), errors);
        errors.throwIfAny();
        ctx.json(orders.list(filter, page).map(OrderJson::of));
    }

    private void get(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        ctx.json(OrderJson.of(orders.get(organizationId, orderId(ctx))));
    }

    /** 201 with the new e-invoice; 200 with the same one when the request is repeated. */
    private void request(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        long orderId = orderId(ctx);
        var buyer = BuyerFields.parse(requests.jsonObject(ctx));
        OrderService.Requested requested = orders.request(organizationId, orderId, buyer);
        if (requested.created()) {
            ctx.status(201).header("Location", EINVOICES.formatted(organizationId, requested.einvoice().id()));
        }
        ctx.json(EInvoiceJson.of(requested.einvoice(), links));
    }


    private static long orderId(Context ctx) {
        String id = ctx.pathParam("orderId");
        if (!EInvoiceRoutes.ORDER_ID.matcher(id).matches()) {
            throw OrderService.notFound();
        }
        return Long.parseLong(id);
    }
}
