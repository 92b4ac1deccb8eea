package my.invois.shopify;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import my.invois.orders.OrderService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** E9: deliveries of a shop that was never linked are kept 30 days, then deleted by this daily job. */
public final class PurgeUnlinkedDeliveries {

    public static final String TASK = "purge-unlinked-deliveries";
    static final Duration KEPT = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(PurgeUnlinkedDeliveries.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final WebhookDeliveries deliveries = new WebhookDeliveries();

    public PurgeUnlinkedDeliveries(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK, Schedules.daily(OrderService.MALAYSIA, LocalTime.of(3, 30))).execute((instance, context) -> run());
    }

    public int run() {
        int purged = jdbi.inTransaction(handle -> deliveries.purgeNeverLinked(handle, clock.instant().minus(KEPT)));
        if (purged > 0) {
            log.info("Purged {} webhook deliveries of shops never linked, older than {} days", purged, KEPT.toDays());
        }
        return purged;
    }
}
