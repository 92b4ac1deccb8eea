package my.invois.shopify;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.auth.ApiKeyFilter;
import my.invois.auth.AuthFailureLimiter;
import my.invois.auth.ClientAddresses;
import my.invois.http.ApiException;
import my.invois.http.Requests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E3: POST /webhooks/shopify. Outside /api/integrations, so no integration key and no rate
 * limit: the HMAC is the authentication. A refused signature counts towards the address's
 * lock-out like a wrong key; a valid one is admitted even from a locked-out address (Shopify's
 * delivery addresses are shared by every app). No body and no header value reaches the log.
 */
public final class ShopifyWebhookRoutes {

    public static final String PATH = "/webhooks/shopify";
    /** Order payloads run large (hundreds of lines with their discount and tax allocations): 5 MiB here, 1 MiB elsewhere. */
    public static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookRoutes.class);
    private static final Map<String, String> RECEIVED = Map.of("status", "received");

    private final ShopifyWebhookService webhooks;
    private final WebhookSignatures signatures;
    private final Requests requests;
    private final AuthFailureLimiter failures;
    private final ClientAddresses addresses;

    public ShopifyWebhookRoutes(ShopifyWebhookService webhooks, List<String> secrets, Requests requests,
                                AuthFailureLimiter failures, ClientAddresses addresses) {
        this.webhooks = webhooks;
        this.signatures = new WebhookSignatures(secrets);
        this.requests = requests;
        this.failures = failures;
        this.addresses = addresses;
    }

    public void register(RoutesConfig routes) {
        routes.post(PATH, this::receive);
    }

    private void receive(Context ctx) {
        byte[] body = requests.rawBody(ctx, MAX_BODY_BYTES);
        var headers = new WebhookHeaders(name -> Collections.list(ctx.req().getHeaders(name)));
        Optional<String> refusal = signatures.problem(headers(ctx, WebhookSignatures.HEADER), body).or(headers::problem);
        if (refusal.isPresent()) {
            throw refused(ctx, refusal.get());
        }
        if (!webhooks.receive(headers.sent(), body)) {
            log.debug("A Shopify webhook already stored was delivered again");
        }
        ctx.json(RECEIVED);
    }

    private ApiException refused(Context ctx, String reason) {
        String address = addresses.of(ctx);
        log.debug("Refused a Shopify webhook from {}: {}", address, reason);
        Optional<Duration> locked = failures.lockedOut(address).or(() -> failures.recordFailure(address));
        return locked.map(remaining -> ApiKeyFilter.lockedOut(ctx, remaining))
                .orElseGet(() -> new ApiException(401, "Unauthorized", "Invalid or missing Shopify webhook signature", Optional.empty()));
    }

    private static List<String> headers(Context ctx, String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }
}
