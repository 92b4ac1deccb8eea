package my.invois.simulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The portal page a validation link {portal}/{uuid}/share/{longId} opens (anchors §1.13). */
final class PortalRoutes {

    private final DocumentRepository documents;

    PortalRoutes(DocumentRepository documents) {
        this.documents = documents;
    }

    void register(RoutesConfig routes) {
        routes.get("/{uuid}/share/{longId}", this::share);
    }

    private void share(Context ctx) {
        String uuid = ctx.pathParam("uuid");
        StoredDocument document = documents.find(uuid)
                .filter(found -> found.longId().filter(ctx.pathParam("longId")::equals).isPresent())
                .orElseThrow(() -> LhdnException.notFound("No document behind this validation link"));
        ctx.contentType("text/html; charset=utf-8").result("<!doctype html><html><head><meta charset=\"utf-8\"><title>MyInvois simulator: "
                + escape(document.facts().internalId()) + "</title></head><body><h1>e-Invoice " + escape(document.facts().internalId())
                + "</h1><p>Status: <strong id=\"status\">" + escape(document.status()) + "</strong></p><p>UUID: " + escape(uuid)
                + "</p><p>Issuer: " + escape(document.facts().issuerName()) + " (" + escape(document.facts().issuerTin()) + ")</p>"
                + "<p>Total payable: " + document.totalPayable().toPlainString() + "</p>"
                + "<p>MyInvois simulator: a development tool; this document is not real.</p></body></html>");
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
