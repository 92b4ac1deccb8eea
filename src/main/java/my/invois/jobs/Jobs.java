package my.invois.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * E6: the background work as persistent jobs in PostgreSQL (db-scheduler, table
 * {@code scheduled_tasks}, V15). Every instance runs a scheduler on the same table and a due
 * execution is picked by exactly one of them, so a job written once runs once per deployment. The
 * jobs themselves are small classes in their features, keeping their state in their own tables;
 * this only runs them. Closed by Main before the database (it waits for running executions).
 */
public final class Jobs implements AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final Scheduler scheduler;

    private Jobs(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** {@code recurring} run on their own schedules; {@code oneTime} run when scheduled through {@link #client()}. */
    public static Jobs start(DataSource dataSource, List<RecurringTask<?>> recurring, List<Task<?>> oneTime,
            Duration pollingInterval, int threads) {
        Scheduler scheduler = Scheduler.create(dataSource, oneTime)
                .startTasks(recurring)
                .pollingInterval(pollingInterval)
                .threads(threads)
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .build();
        scheduler.start();
        return new Jobs(scheduler);
    }

    public SchedulerClient client() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
