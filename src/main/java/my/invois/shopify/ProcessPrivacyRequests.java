package my.invois.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import my.invois.db.Ids;
import my.invois.http.Json;
import my.invois.orders.OrderRedaction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * E9: Shopify's privacy topics, answered 200 at intake and done here within seconds, also after the
 * app is uninstalled. customers/redact erases the customer's personal data from the orders, the
 * e-invoices never submitted and the deliveries' bodies; shop/redact the same for every customer of
 * an uninstalled shop (its deliveries' bodies emptied); customers/data_request stores an export
 * the merchant's app fetches (GET …/privacy-exports). A batch is one transaction, as in
 * ProcessWebhooks: a database failure leaves the deliveries waiting for the next run.
 */
public final class ProcessPrivacyRequests {

    public static final String TASK = "process-privacy-requests";
    static final int PER_TRANSACTION = 20;
    static final String STILL_INSTALLED = "the app is installed: shop/redact comes 48 hours after app/uninstalled";

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final OrderRedaction redaction;
    private final Ids ids;
    private final Clock clock;
    private final WebhookDeliveries deliveries = new WebhookDeliveries();
    private final ShopLinkRepository shops = new ShopLinkRepository();
    private final PrivacyExports exports = new PrivacyExports();

    public ProcessPrivacyRequests(Jdbi jdbi, ObjectMapper mapper, OrderRedaction redaction, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.redaction = redaction;
        this.ids = ids;
        this.clock = clock;
    }

    public RecurringTask<Void> task(Duration every) {
        return Tasks.recurring(TASK, Schedules.fixedDelay(every)).execute((instance, context) -> run());
    }

    public void run() {
        int settled;
        do {
            settled = jdbi.inTransaction(this::batch);
        } while (settled == PER_TRANSACTION);
    }

    private int batch(Handle handle) {
        List<WebhookDelivery> claimed = deliveries.claimNext(handle, WebhookTopics.PRIVACY, PER_TRANSACTION);
        for (WebhookDelivery delivery : claimed) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            JsonNode body = Json.parseObject(mapper, delivery.body());
            String organizationId = delivery.organizationId().orElseThrow();
            switch (delivery.topic()) {
                case WebhookTopics.CUSTOMERS_REDACT -> {
                    redactCustomer(handle, organizationId, delivery.shopDomain(), body, now);
                    deliveries.markProcessed(handle, delivery.id(), now);
                }
                case WebhookTopics.SHOP_REDACT -> {
                    if (shops.isUninstalled(handle, delivery.shopDomain())) {
                        redactShop(handle, organizationId, delivery.shopDomain(), now);
                        deliveries.markProcessed(handle, delivery.id(), now);
                    } else {
                        deliveries.markIgnored(handle, delivery.id(), STILL_INSTALLED, now);
                    }
                }
                default -> {
                    export(handle, organizationId, body, now);
                    deliveries.markProcessed(handle, delivery.id(), now);
                }
            }
        }
        return claimed.size();
    }

    private void redactCustomer(Handle handle, String organizationId, String shopDomain, JsonNode body, Instant now) {
        long customerId = body.path("customer").path("id").asLong();
        String email = body.path("customer").path("email").asText("");
        List<Long> orderIds = redaction.customerOrders(handle, organizationId, customerId, email, ids(body.path("orders_to_redact")));
        redaction.redact(handle, organizationId, orderIds, now);
        for (WebhookDelivery stored : deliveries.ofShopForUpdate(handle, shopDomain)) {
            JsonNode delivered = parsed(stored.body());
            if (delivered instanceof ObjectNode object && concerns(stored.topic(), object, customerId, email, orderIds)) {
                erase(stored.topic(), object);
                deliveries.replaceBody(handle, stored.id(), bytes(object));
            }
        }
    }

    private void redactShop(Handle handle, String organizationId, String shopDomain, Instant now) {
        redaction.redact(handle, organizationId, redaction.allOrders(handle, organizationId), now);
        for (WebhookDelivery stored : deliveries.ofShopForUpdate(handle, shopDomain)) {
            deliveries.replaceBody(handle, stored.id(), "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void export(Handle handle, String organizationId, JsonNode body, Instant now) {
        long customerId = body.path("customer").path("id").asLong();
        String email = body.path("customer").path("email").asText("");
        List<Long> orderIds = redaction.customerOrders(handle, organizationId, customerId, email, ids(body.path("orders_requested")));
        ArrayNode orders = mapper.createArrayNode();
        redaction.bodies(handle, organizationId, orderIds).forEach(order -> orders.add(parsed(order.getBytes(
                StandardCharsets.UTF_8))));
        exports.insert(handle, ids.next("export"), organizationId, Optional.ofNullable(body.path("data_request").path("id").asText(null)),
                customerId, orders, now);
    }

    private static boolean concerns(String topic, ObjectNode body, long customerId, String email, List<Long> orderIds) {
        if (WebhookTopics.PRIVACY.contains(topic)) {
            return body.path("customer").path("id").asLong() == customerId;
        }
        return orderIds.contains(body.path("id").asLong()) || orderIds.contains(body.path("order_id").asLong())
                || body.path("customer").path("id").asLong() == customerId
                || !email.isEmpty() && email.equalsIgnoreCase(body.path("email").asText(""));
    }

    private static void erase(String topic, ObjectNode body) {
        if (WebhookTopics.PRIVACY.contains(topic)) {
            long id = body.path("customer").path("id").asLong();
            body.putObject("customer").put("id", id);
            return;
        }
        OrderRedaction.PERSONAL_FIELDS.forEach(body::putNull);
    }

    private static List<Long> ids(JsonNode array) {
        var ids = new ArrayList<Long>();
        array.forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private JsonNode parsed(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException notJson) {
            return mapper.nullNode();
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
