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
    /**
     * An execution left picked by an instance killed with SIGKILL runs again once its heartbeat is
     * this many beats old: 30 s, not db-scheduler's default 30 minutes without a submit or a poll.
     */
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final int MISSED_HEARTBEATS_BEFORE_DEAD = 6;

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
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS_BEFORE_DEAD)
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
