package my.invois.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A transaction of the test's own holding one user's row lock, so that requests updating that
 * user stay inside the app, waiting on PostgreSQL, for as long as the test needs.
 */
final class RowLock implements AutoCloseable {

    private final Jdbi sql;
    private final Handle holder;

    private RowLock(Jdbi sql, Handle holder) {
        this.sql = sql;
        this.holder = holder;
    }

    static RowLock onUser(Jdbi sql, String id) {
        Handle holder = sql.open();
        holder.begin();
        holder.createQuery("SELECT id FROM users WHERE id = :id FOR UPDATE").bind("id", id).mapTo(String.class).one();
        return new RowLock(sql, holder);
    }

    /** Returns once that many sessions wait for a lock: the requests are in the app, mid-transaction. */
    void awaitWaiting(int sessions) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (waiting() < sessions) {
            assertThat(System.nanoTime()).as("sessions waiting for the row lock").isLessThan(end);
            Thread.sleep(20);
        }
    }

    void release() {
        holder.commit();
    }

    private long waiting() {
        return sql.withHandle(handle -> handle.createQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                .mapTo(Long.class).one());
    }

    /** The session may have died with its server; there is nothing left to release then. */
    @Override
    public void close() {
        try {
            if (holder.isInTransaction()) {
                holder.rollback();
            }
            holder.close();
        } catch (JdbiException gone) {
            // the server stopped under the lock
        }
    }
}
