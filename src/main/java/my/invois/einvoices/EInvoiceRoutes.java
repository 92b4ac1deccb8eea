package my.invois.einvoices;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import my.invois.db.Ids;
import my.invois.http.FieldErrors;
import my.invois.http.PageRequest;
import my.invois.http.QueryParams;
import my.invois.organizations.OrganizationRoutes;
import my.invois.http.Requests;

/** E8 e-invoice endpoints: parse, call the service once, render. */
public final class EInvoiceRoutes {

    static final String PATH = "/api/integrations/organizations/{id}/einvoices";
    /** Shopify order ids: positive, at most 18 digits (within a long; Shopify's are 13 today). */
    public static final Pattern ORDER_ID = Pattern.compile("[1-9][0-9]{0,17}");
    public static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final EInvoiceService einvoices;
    private final Requests requests;

    public EInvoiceRoutes(EInvoiceService einvoices, Requests requests) {
        this.einvoices = einvoices;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.get(PATH + "/{einvoiceId}", this::get);
        routes.get(PATH + "/{einvoiceId}/document", this::document);
        routes.get(PATH + "/{einvoiceId}/pdf", this::pdf);
        routes.post(PATH + "/{einvoiceId}/cancel", this::cancel);
    }

    private void list(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        Map<String, List<String>> query = ctx.queryParamMap();
        var errors = new FieldErrors();
        var filter = new EInvoiceFilter(organizationId,
                QueryParams.oneOf(query, "status", EInvoice.STATUSES, errors),
                QueryParams.oneOf(query, "type", EInvoice.TYPES, errors),
                QueryParams.matching(query, "month", MONTH, "The month must be YYYY-MM, such as 2026-11", errors),
                QueryParams.matching(query, "order", ORDER_ID, "The order must be a Shopify order id", errors).map(Long::valueOf));
        PageRequest page = PageRequest.parse(query, errors);
        errors.throwIfAny();
        ctx.json(einvoices.list(filter, page).map(e -> EInvoiceJson.of(e, einvoices.links())));
    }

    private void get(Context ctx) {
        ctx.json(EInvoiceJson.of(einvoices.get(OrganizationRoutes.organizationId(ctx), einvoiceId(ctx)), einvoices.links()));
    }

    /** The exact stored bytes, never re-serialised: what LHDN receives and what its hash covers. */
    private void document(Context ctx) {
        byte[] bytes = einvoices.document(OrganizationRoutes.organizationId(ctx), einvoiceId(ctx));
        ctx.contentType("application/json").result(bytes);
    }

    private void pdf(Context ctx) {
        byte[] pdf = einvoices.pdf(OrganizationRoutes.organizationId(ctx), einvoiceId(ctx));
        ctx.contentType("application/pdf").result(pdf);
    }

    /** E8: 202, the cancellation is done at LHDN by the engine's cancel job. */
    private void cancel(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        String einvoiceId = einvoiceId(ctx);
        String reason = CancelReason.parse(requests.jsonObject(ctx));
        ctx.status(202).json(EInvoiceJson.of(einvoices.cancel(organizationId, einvoiceId, reason), einvoices.links()));
    }


    private static String einvoiceId(Context ctx) {
        String id = ctx.pathParam("einvoiceId");
        if (!Ids.isWellFormed("einv", id)) {
            throw EInvoiceService.notFound();
        }
        return id;
    }
}
