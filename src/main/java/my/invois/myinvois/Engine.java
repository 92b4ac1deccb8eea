package my.invois.myinvois;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import my.invois.db.Ids;
import my.invois.einvoices.EInvoiceRepository;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** E6, E8: the submission engine's recurring jobs, for {@link my.invois.jobs.Jobs}. Their state lives in einvoices and submissions. */
public final class Engine {

    /** How often each job looks for due work; a poll acts only on submissions whose next poll has come. */
    public static final Duration EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private Engine() {
    }

    public static List<RecurringTask<?>> tasks(Jdbi jdbi, MyInvois lhdn, Accounts accounts, Outcomes outcomes, Ids ids, Clock clock,
            Duration every, MeterRegistry registry) {
        var metrics = new EngineMetrics(registry, clock);
        var einvoices = new EInvoiceRepository(ids);
        var submissions = new SubmissionRepository(ids);
        var submit = new SubmitJob(jdbi, lhdn, accounts, einvoices, submissions, metrics, clock);
        var poll = new PollJob(jdbi, lhdn, accounts, einvoices, submissions, outcomes, metrics, clock);
        var cancel = new CancelJob(jdbi, lhdn, accounts, einvoices, metrics, clock);
        return List.of(recurring(SubmitJob.NAME, every, submit::run), recurring(PollJob.NAME, every, poll::run),
                recurring(CancelJob.NAME, every, cancel::run));
    }

    private static RecurringTask<Void> recurring(String name, Duration every, Runnable job) {
        return Tasks.recurring(name, FixedDelay.of(every)).execute((instance, context) -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                // The next run starts from the database as this one left it.
                log.error("Job {} failed; it runs again in {} ms", name, every.toMillis(), e);
            }
        });
    }
}
