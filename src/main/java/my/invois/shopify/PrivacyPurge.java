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

/** E9 retention, daily: deliveries of a shop never linked are kept 30 days, data-request exports 90 days. */
public final class PrivacyPurge {

    public static final String TASK = "privacy-purge";
    static final Duration KEPT = Duration.ofDays(30);
    static final Duration EXPORTS_KEPT = Duration.ofDays(90);
    private static final Logger log = LoggerFactory.getLogger(PrivacyPurge.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final WebhookDeliveries deliveries = new WebhookDeliveries();
    private final PrivacyExports exports = new PrivacyExports();

    public PrivacyPurge(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK, Schedules.daily(OrderService.MALAYSIA, LocalTime.of(3, 30))).execute((instance, context) -> run());
    }

    /** How many deliveries were purged. */
    public int run() {
        jdbi.useTransaction(handle -> exports.purge(handle, clock.instant().minus(EXPORTS_KEPT)));
        int purged = jdbi.inTransaction(handle -> deliveries.purgeNeverLinked(handle, clock.instant().minus(KEPT)));
        if (purged > 0) {
            log.info("Purged {} webhook deliveries of shops never linked, older than {} days", purged, KEPT.toDays());
        }
        return purged;
    }
}
