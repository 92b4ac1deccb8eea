package my.invois.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import my.invois.db.Ids;
import my.invois.db.SqlErrors;
import my.invois.http.Json;
import org.jdbi.v3.core.Jdbi;

/**
 * E3 intake: a verified delivery is stored in one transaction and nothing else happens in the
 * request; jobs claim it afterwards (WebhookDeliveries). Shopify retries every non-2xx, so what
 * can never be processed is stored settled rather than refused: a body that is not a JSON object
 * as failed, a topic Invois does not handle as ignored.
 */
public final class ShopifyWebhookService {

    static final String NOT_JSON = "The body is not a JSON object";
    static final String TOPIC_NOT_HANDLED = "Topic not handled";

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final Ids ids;
    private final Clock clock;
    private final WebhookDeliveries deliveries = new WebhookDeliveries();

    public ShopifyWebhookService(Jdbi jdbi, ObjectMapper mapper, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.ids = ids;
        this.clock = clock;
    }

    /** True when stored now, false for a redelivery of a stored one. */
    boolean receive(WebhookHeaders.Sent sent, byte[] body) {
        WebhookDelivery delivery = delivery(sent, body, clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            return store(delivery);
        } catch (RuntimeException e) {
            // The shop's organization was deleted after the statement's snapshot: the shop is not linked any more.
            if (SqlErrors.foreignKeyViolation(e).filter(WebhookDeliveries.ORGANIZATION_CONSTRAINT::equals).isPresent()) {
                return store(delivery);
            }
            throw e;
        }
    }

    private boolean store(WebhookDelivery delivery) {
        return jdbi.withHandle(handle -> deliveries.insert(handle, delivery));
    }

    private WebhookDelivery delivery(WebhookHeaders.Sent sent, byte[] body, Instant now) {
        Optional<String> reason = !isJsonObject(body) ? Optional.of(NOT_JSON)
                : !WebhookTopics.isHandled(sent.topic()) ? Optional.of(TOPIC_NOT_HANDLED)
                : Optional.empty();
        DeliveryState state = reason.isEmpty() ? DeliveryState.RECEIVED
                : reason.get().equals(NOT_JSON) ? DeliveryState.FAILED : DeliveryState.IGNORED;
        return new WebhookDelivery(ids.next("delivery"), sent.webhookId(), sent.eventId(), sent.topic(), sent.shopDomain(),
                sent.triggeredAt(), sent.apiVersion(), body, now, Optional.empty(), state, reason,
                reason.isEmpty() ? Optional.empty() : Optional.of(now));
    }

    private boolean isJsonObject(byte[] body) {
        return Json.isObject(mapper, body);
    }
}
