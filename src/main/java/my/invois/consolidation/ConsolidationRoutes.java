package my.invois.consolidation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.YearMonth;
import java.util.Optional;
import java.util.Set;
import my.invois.einvoices.EInvoiceRoutes;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.PageRequest;
import my.invois.http.Patch;
import my.invois.http.Requests;
import my.invois.organizations.OrganizationRoutes;

/** E7: a closed month consolidated on request, and the consolidated months listed. */
public final class ConsolidationRoutes {

    static final String PATH = "/api/integrations/organizations/{id}/consolidations";

    private final ConsolidationService consolidations;
    private final Requests requests;

    public ConsolidationRoutes(ConsolidationService consolidations, Requests requests) {
        this.consolidations = consolidations;
        this.requests = requests;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.post(PATH, this::run);
    }

    /** 202: the month's run is done; its documents are queued for LHDN, which answers later. */
    private void run(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        YearMonth month = month(requests.jsonObject(ctx));
        ctx.status(202).json(ConsolidationJson.of(consolidations.run(organizationId, month)));
    }

    private void list(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        var errors = new FieldErrors();
        PageRequest page = PageRequest.parse(ctx.queryParamMap(), errors);
        errors.throwIfAny();
        ctx.json(consolidations.list(organizationId, page).map(ConsolidationJson::of));
    }

    private static YearMonth month(ObjectNode body) {
        var errors = new FieldErrors();
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(Set.of("month"), Set.of());
        Patch<String> month = fields.text("month", "Month", value -> EInvoiceRoutes.MONTH.matcher(value).matches()
                ? Optional.empty() : Optional.of("The month must be YYYY-MM, such as 2026-11"));
        BodyFields.require(month, "month", "Month", errors);
        errors.throwIfAny();
        return YearMonth.parse(((Patch.Set<String>) month).value());
    }

}
