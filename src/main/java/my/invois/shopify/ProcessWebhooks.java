package my.invois.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import my.invois.db.SqlErrors;
import my.invois.http.ApiException;
import my.invois.http.Json;
import my.invois.orders.OrderService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E3: the job that works the stored order and app deliveries, oldest first, each routed by its
 * topic (the privacy topics, E9, are claimed by their own job). A batch is one transaction. It
 * runs without savepoints (two round trips per delivery) until a delivery cannot be processed;
 * then it is rolled back and worked again with each delivery in a savepoint, so that one is
 * rolled back to its savepoint and settled failed with the reason. A database failure rolls the
 * whole batch back, so its deliveries are claimed again by the next run.
 */
public final class ProcessWebhooks {

    public static final String TASK = "process-webhooks";
    static final int PER_TRANSACTION = 20;
    static final String UNINSTALLED = "app uninstalled: the shop gets no new work until it is linked again";
    static final String NOTHING_NEW = "nothing new: the stored order already has this version";
    static final String ORDER_NOT_STORED = "the refund's order is not stored: its refunds arrive with the order's next version";
    private static final Logger log = LoggerFactory.getLogger(ProcessWebhooks.class);
    private static final String SAVEPOINT = "delivery";

    /** A delivery of a batch without savepoints could not be processed: the batch is worked again with them. */
    private static final class Unprocessable extends RuntimeException {
        Unprocessable(RuntimeException cause) {
            super(cause);
        }
    }

    /** What became of one delivery: processed, or ignored and why. */
    private record Outcome(Optional<String> ignored) {
        static final Outcome PROCESSED = new Outcome(Optional.empty());

        static Outcome ignored(String reason) {
            return new Outcome(Optional.of(reason));
        }
    }

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final OrderService orders;
    private final Clock clock;
    private final WebhookDeliveries deliveries = new WebhookDeliveries();
    private final ShopLinkRepository shops = new ShopLinkRepository();

    public ProcessWebhooks(Jdbi jdbi, ObjectMapper mapper, OrderService orders, Clock clock) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.orders = orders;
        this.clock = clock;
    }

    public RecurringTask<Void> task(Duration every) {
        return Tasks.recurring(TASK, Schedules.fixedDelay(every)).execute((instance, context) -> run());
    }

    /** Every waiting delivery of a linked shop, batch by batch; how many were settled. */
    public int run() {
        int total = 0;
        int settled;
        do {
            settled = settleBatch();
            total += settled;
        } while (settled == PER_TRANSACTION);
        return total;
    }

    private int settleBatch() {
        try {
            return jdbi.inTransaction(handle -> batch(handle, false));
        } catch (Unprocessable oneOfThem) {
            return jdbi.inTransaction(handle -> batch(handle, true));
        }
    }

    private int batch(Handle handle, boolean savepoints) {
        List<WebhookDelivery> claimed = deliveries.claimNext(handle, WebhookTopics.ORDERS_AND_APP, PER_TRANSACTION);
        for (WebhookDelivery delivery : claimed) {
            settle(handle, delivery, savepoints);
        }
        return claimed.size();
    }

    private void settle(Handle handle, WebhookDelivery delivery, boolean savepoints) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (savepoints) {
            handle.savepoint(SAVEPOINT);
        }
        Outcome outcome;
        try {
            outcome = route(handle, delivery, now);
        } catch (RuntimeException e) {
            if (SqlErrors.isUnavailable(e) || SqlErrors.isTransactionConflict(e)) {
                throw e;
            }
            if (!savepoints) {
                throw new Unprocessable(e);
            }
            handle.rollbackToSavepoint(SAVEPOINT);
            String reason = reason(e);
            log.warn("Webhook delivery {} ({}) failed: {}", delivery.id(), delivery.topic(), reason);
            deliveries.markFailed(handle, delivery.id(), reason, now);
            return;
        }
        if (savepoints) {
            handle.release(SAVEPOINT);
        }
        if (outcome.ignored().isPresent()) {
            deliveries.markIgnored(handle, delivery.id(), outcome.ignored().get(), now);
        } else {
            deliveries.markProcessed(handle, delivery.id(), now);
        }
    }

    private Outcome route(Handle handle, WebhookDelivery delivery, Instant now) {
        String organizationId = delivery.organizationId().orElseThrow();
        JsonNode body = Json.parseObject(mapper, delivery.body());
        if (shops.isUninstalled(handle, delivery.shopDomain())) {
            return Outcome.ignored(UNINSTALLED);
        }
        return switch (delivery.topic()) {
            case WebhookTopics.ORDERS_PAID, WebhookTopics.ORDERS_UPDATED, WebhookTopics.ORDERS_CANCELLED ->
                    orders.process(handle, organizationId, body) ? Outcome.PROCESSED : Outcome.ignored(NOTHING_NEW);
            case WebhookTopics.REFUNDS_CREATE -> orders.processRefund(handle, organizationId, body)
                    .map(changed -> changed ? Outcome.PROCESSED : Outcome.ignored(NOTHING_NEW))
                    .orElse(Outcome.ignored(ORDER_NOT_STORED));
            case WebhookTopics.APP_UNINSTALLED -> {
                shops.markUninstalled(handle, delivery.shopDomain(), now);
                yield Outcome.PROCESSED;
            }
            default -> throw new IllegalStateException("topic " + delivery.topic() + " is not claimed by this job");
        };
    }

    /** The contract's words for a rejected body (never the body itself: it holds personal data). */
    private static String reason(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api.body().message() + (api.body().details() == null ? "" : ": " + api.body().details());
        }
        return "cannot be processed (" + SqlErrors.describe(e) + ")";
    }
}
