package my.invois.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One log line per client ID, API and ended minute with its call count, checked every second. */
final class CallLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallLog.class);

    private final Budgets budgets;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "myinvois-simulator-calls");
        thread.setDaemon(true);
        return thread;
    });

    CallLog(Budgets budgets) {
        this.budgets = budgets;
    }

    void start() {
        executor.scheduleWithFixedDelay(this::logClosedMinutes, 1, 1, TimeUnit.SECONDS);
    }

    private void logClosedMinutes() {
        try {
            for (Budgets.Minute minute : budgets.closedMinutes()) {
                log.info("MyInvois calls in minute {}: client {} api {} calls {} budget {} refused {}", minute.minute(),
                        minute.clientId(), minute.api(), minute.calls(), minute.budget(), minute.refused());
            }
        } catch (RuntimeException e) {
            log.warn("Could not log the simulator's call counts: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
