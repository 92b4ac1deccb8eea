package my.invois.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import my.invois.http.FieldErrors;
import my.invois.http.PageRequest;
import my.invois.http.Timestamps;
import my.invois.organizations.OrganizationRoutes;

/**
 * E9: the exports Shopify's customers/data_request produced, for the merchant's app to fetch and
 * pass on to the customer. Read-only; the request itself arrives as a webhook.
 */
public final class PrivacyExportRoutes {

    static final String PATH = "/api/integrations/organizations/{id}/privacy-exports";

    record ExportJson(String id, String dataRequestId, String customerId, JsonNode orders, String createdAt) {
    }

    private final PrivacyExportService exports;
    private final ObjectMapper mapper;

    public PrivacyExportRoutes(PrivacyExportService exports, ObjectMapper mapper) {
        this.exports = exports;
        this.mapper = mapper;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
    }

    private void list(Context ctx) {
        String organizationId = OrganizationRoutes.organizationId(ctx);
        var errors = new FieldErrors();
        PageRequest page = PageRequest.parse(ctx.queryParamMap(), errors);
        errors.throwIfAny();
        ctx.json(exports.list(organizationId, page).map(this::json));
    }

    private ExportJson json(PrivacyExports.Export export) {
        try {
            return new ExportJson(export.id(), export.dataRequestId().orElse(null), Long.toString(export.customerId()),
                    mapper.readTree(export.orders()), Timestamps.format(export.createdAt()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
