package my.invois.consolidation;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import my.invois.orders.OrderService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E7's job {@code consolidate}: on the 1st at 02:00 in Malaysia every closed month with orders still
 * waiting is consolidated, and again each day until the 5th (late orders, a run that failed). From the
 * 5th, a month whose consolidated e-invoices are not all Valid is a WARN and counts in
 * invois_consolidation_deadline_risk: LHDN's deadline is the 7th.
 */
public final class Consolidate {

    public static final String TASK = "consolidate";
    /** The month's consolidated e-invoice is due within 7 days after the month ends (SG §3.6.3, anchors §1.11). */
    static final int LHDN_DEADLINE_DAY = 7;
    /** Retried daily until then, two days before LHDN's deadline, so a merchant has time to act. */
    static final int LAST_RETRY_DAY = 5;
    static final int RUN_HOUR = 2;
    static final Schedule SCHEDULE = Schedules.cron("0 0 " + RUN_HOUR + " 1-" + LAST_RETRY_DAY + " * *", OrderService.MALAYSIA);
    static final String DEADLINE_RISK = "invois.consolidation.deadline.risk";
    /** E5 with INVOIS_OVER_LIMIT_FALLBACK=hold: orders over RM10,000 the last run left needs-buyer-details. */
    static final String HELD = "invois.consolidation.held.orders";
    private static final Logger log = LoggerFactory.getLogger(Consolidate.class);

    private final ConsolidationService consolidations;
    private final ConsolidationRepository repository = new ConsolidationRepository();
    private final Jdbi jdbi;
    private final Clock clock;
    private final AtomicInteger atRisk = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();

    public Consolidate(ConsolidationService consolidations, Jdbi jdbi, Clock clock, MeterRegistry meters) {
        this.consolidations = consolidations;
        this.jdbi = jdbi;
        this.clock = clock;
        Gauge.builder(DEADLINE_RISK, atRisk, AtomicInteger::get)
                .description("Organizations whose last month's consolidated e-invoices are not all Valid by the "
                        + LAST_RETRY_DAY + "th (LHDN's deadline is the " + LHDN_DEADLINE_DAY + "th)")
                .register(meters);
        Gauge.builder(HELD, held, AtomicInteger::get)
                .description("Orders over RM10,000 the last consolidation run left needs-buyer-details")
                .register(meters);
    }

    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK, SCHEDULE).execute((instance, context) -> run());
    }

    void run() {
        int heldNow = 0;
        for (ConsolidationService.Ran ran : consolidations.runAll()) {
            heldNow += ran.held().size();
            log.info("Consolidated {}: {} documents, {} orders over RM10,000 held", ran.month(), ran.documents().size(),
                    ran.held().size());
            if (!ran.held().isEmpty()) {
                log.warn("{} orders of {} are over RM10,000 and held without buyer details",
                        ran.held().size(), ran.month());
            }
        }
        held.set(heldNow);
        checkDeadline();
    }

    private void checkDeadline() {
        LocalDate today = LocalDate.now(clock.withZone(OrderService.MALAYSIA));
        if (today.getDayOfMonth() < LAST_RETRY_DAY) {
            atRisk.set(0);
            return;
        }
        String month = YearMonth.from(today).minusMonths(1).toString();
        List<String> organizations = jdbi.withHandle(handle -> repository.notValid(handle, month));
        atRisk.set(organizations.size());
        organizations.forEach(organization -> log.warn("Organization {}: the consolidated e-invoices of {} are not all Valid on the {}th;"
                + " LHDN's deadline is the {}th", organization, month, today.getDayOfMonth(), LHDN_DEADLINE_DAY));
    }
}
