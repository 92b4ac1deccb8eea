package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Get Document Details, Get Document (raw) and Cancel Document (reference §2.5–2.6, anchors §1.3). */
final class DocumentRoutes {

    static final String PATH = "/api/v1.0/documents";
    static final Duration CANCEL_WINDOW = Duration.ofHours(72);
    static final int MAX_REASON = 300;

    private final DocumentRepository documents;
    private final Budgets budgets;
    private final Clock clock;

    DocumentRoutes(DocumentRepository documents, Budgets budgets, Clock clock) {
        this.documents = documents;
        this.budgets = budgets;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH + "/{uuid}/details", this::details);
        routes.get(PATH + "/{uuid}/raw", this::raw);
        routes.put(PATH + "/state/{uuid}/state", this::cancel);
    }

    private void details(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.DETAILS);
        StoredDocument document = visible(session, ctx.pathParam("uuid"));
        Map<String, Object> body = Summaries.of(document);
        body.put("validationResults", document.validation().<Object>map(DocumentRoutes::tree)
                .orElse(Map.of("status", StoredDocument.SUBMITTED, "validationSteps", List.of())));
        ctx.json(body);
    }

    private void raw(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.RAW);
        StoredDocument document = visible(session, ctx.pathParam("uuid"));
        if (document.status().equals(StoredDocument.INVALID)) {
            throw LhdnException.notFound("Invalid documents are not returned; see their details");
        }
        Map<String, Object> body = Summaries.of(document);
        body.put("document", new String(documents.bytes(document.uuid()).orElseThrow(), StandardCharsets.UTF_8));
        ctx.json(body);
    }

    private void cancel(Context ctx) {
        Session session = Requests.session(ctx);
        budgets.charge(session.clientId(), Api.CANCEL);
        String uuid = ctx.pathParam("uuid");
        JsonNode body = Ubl.parse(ctx.bodyAsBytes()).orElseThrow(() -> LhdnException.badArgument("The body must be JSON", "body"));
        String reason = body.path("reason").asText("").trim();
        if (!"cancelled".equalsIgnoreCase(body.path("status").asText()) || reason.isEmpty() || reason.length() > MAX_REASON) {
            throw LhdnException.badArgument("The body must be {\"status\":\"cancelled\",\"reason\":\"…\"} with a reason of 1 to 300 characters", "status");
        }
        StoredDocument document = documents.find(uuid).orElseThrow(() -> LhdnException.notFound("No document " + uuid));
        if (!document.taxpayerTin().equals(session.taxpayerTin()) || !document.clientId().equals(session.clientId())) {
            throw new LhdnException(403, "Forbidden", "Only the issuer may cancel this document", uuid);
        }
        refuseUnlessCancellable(document);
        if (!documents.cancel(uuid, reason, clock.instant())) {
            throw new LhdnException(400, "IncorrectState", "The document's state does not allow cancelling", uuid);
        }
        ctx.json(Map.of("uuid", uuid, "status", StoredDocument.CANCELLED));
    }

    private void refuseUnlessCancellable(StoredDocument document) {
        if (!document.status().equals(StoredDocument.VALID)) {
            throw new LhdnException(400, "IncorrectState", "Only a Valid document can be cancelled; it is " + document.status(), document.uuid());
        }
        if (clock.instant().isAfter(document.validatedAt().orElseThrow().plus(CANCEL_WINDOW))) {
            throw new LhdnException(400, "OperationPeriodOver", "The 72 hours to cancel this document are over", document.uuid());
        }
        if (documents.hasValidReferencing(document.uuid())) {
            throw new LhdnException(400, "ActiveReferencingDocuments", "A Valid note references this document: cancel it first",
                    document.uuid());
        }
    }

    /** An intermediary sees only the documents it submitted, for the taxpayer it acts as (anchors §1.2). */
    private StoredDocument visible(Session session, String uuid) {
        return documents.find(uuid)
                .filter(document -> document.clientId().equals(session.clientId()) && document.taxpayerTin().equals(session.taxpayerTin()))
                .orElseThrow(() -> LhdnException.notFound("No document " + uuid + " submitted by this client for this taxpayer"));
    }

    private static JsonNode tree(String json) {
        return Ubl.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
