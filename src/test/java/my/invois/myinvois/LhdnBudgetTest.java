package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two LhdnBudget instances on one database, as two servers would hold them. */
class LhdnBudgetTest {

    private static final String CLIENT = "client-a";
    private final LhdnBudget first = new LhdnBudget(TestDatabase.get().jdbi());
    private final LhdnBudget second = new LhdnBudget(TestDatabase.get().jdbi());

    @BeforeEach
    void clear() {
        TestDatabase.clear();
    }

    @Test
    void the_budget_spends_a_twentieth_less_than_lhdns_figure_and_at_least_one_call_less() {
        assertThat(LhdnApi.LOGIN.budget()).isEqualTo(11);
        assertThat(LhdnApi.SUBMIT.budget()).isEqualTo(95);
        assertThat(LhdnApi.GET_SUBMISSION.budget()).isEqualTo(285);
        assertThat(LhdnApi.DETAILS.budget()).isEqualTo(119);
        assertThat(LhdnApi.CANCEL.budget()).isEqualTo(11);
        assertThat(LhdnApi.VALIDATE_TIN.budget()).isEqualTo(57);
        assertThat(LhdnApi.SEARCH.budget()).isEqualTo(11);
    }

    @Test
    void closed_until_says_when_the_next_slot_opens_without_taking_one() {
        Instant minute = Instant.parse("2026-11-02T03:00:00Z");
        assertThat(first.closedUntil(CLIENT, LhdnApi.CANCEL, minute)).as("never asked").isEmpty();
        for (int call = 0; call < LhdnApi.CANCEL.budget() - 1; call++) {
            assertThat(first.tryAcquire(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(1)).granted()).isTrue();
        }
        assertThat(second.closedUntil(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(2))).as("one slot left").isEmpty();
        assertThat(first.tryAcquire(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(3)).granted()).as("asking took no slot").isTrue();
        assertThat(second.closedUntil(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(4))).contains(minute.plusSeconds(60));
        assertThat(second.closedUntil(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(60))).as("the next minute").isEmpty();
        second.throttle(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(75));
        assertThat(first.closedUntil(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(61))).as("a 429 in force").contains(minute.plusSeconds(75));
    }

    @Test
    void two_instances_asking_at_once_from_many_threads_get_exactly_one_minutes_budget_then_the_next_minute_opens() throws Exception {
        Instant minute = Instant.parse("2026-11-02T03:00:00Z");
        int asks = 300;
        List<Boolean> granted = askConcurrently(asks, index -> (index % 2 == 0 ? first : second)
                .tryAcquire(CLIENT, LhdnApi.SUBMIT, minute.plusMillis(index * 100L)).granted());
        assertThat(granted.stream().filter(Boolean::booleanValue).count()).isEqualTo(LhdnApi.SUBMIT.budget());

        Grant refused = first.tryAcquire(CLIENT, LhdnApi.SUBMIT, minute.plusSeconds(59));
        assertThat(refused.nextSlot()).contains(minute.plusSeconds(60));
        assertThat(second.tryAcquire("client-b", LhdnApi.SUBMIT, minute.plusSeconds(59)).granted()).as("another client ID").isTrue();
        assertThat(second.tryAcquire(CLIENT, LhdnApi.CANCEL, minute.plusSeconds(59)).granted()).as("another API").isTrue();

        List<Boolean> next = askConcurrently(asks, index -> (index % 2 == 0 ? second : first)
                .tryAcquire(CLIENT, LhdnApi.SUBMIT, minute.plusSeconds(60 + index % 50)).granted());
        assertThat(next.stream().filter(Boolean::booleanValue).count()).isEqualTo(LhdnApi.SUBMIT.budget());
    }

    @Test
    void an_instance_whose_clock_lags_counts_into_the_newer_minute() {
        Instant minute = Instant.parse("2026-11-02T03:01:00Z");
        for (int call = 0; call < LhdnApi.LOGIN.budget(); call++) {
            assertThat(first.tryAcquire(CLIENT, LhdnApi.LOGIN, minute.plusSeconds(1)).granted()).isTrue();
        }
        Grant lagging = second.tryAcquire(CLIENT, LhdnApi.LOGIN, minute.minusSeconds(2));
        assertThat(lagging.granted()).isFalse();
        assertThat(lagging.nextSlot()).contains(minute.plusSeconds(60));
    }

    @Test
    void a_429_closes_the_api_for_every_instance_until_retry_after() {
        Instant now = Instant.parse("2026-11-02T03:00:10Z");
        assertThat(first.tryAcquire(CLIENT, LhdnApi.SEARCH, now).granted()).isTrue();
        second.throttle(CLIENT, LhdnApi.SEARCH, now.plusSeconds(90));
        assertThat(first.tryAcquire(CLIENT, LhdnApi.SEARCH, now.plusSeconds(1)).nextSlot()).contains(now.plusSeconds(90));
        assertThat(second.tryAcquire(CLIENT, LhdnApi.SEARCH, now.plusSeconds(89)).nextSlot()).contains(now.plusSeconds(90));
        assertThat(first.tryAcquire(CLIENT, LhdnApi.SUBMIT, now.plusSeconds(1)).granted()).as("other APIs stay open").isTrue();
        assertThat(second.tryAcquire(CLIENT, LhdnApi.SEARCH, now.plusSeconds(90)).granted()).isTrue();
    }

    @Test
    void a_429_before_any_call_is_honoured_too() {
        Instant now = Instant.parse("2026-11-02T03:00:10Z");
        first.throttle(CLIENT, LhdnApi.DETAILS, now.plusSeconds(5));
        assertThat(second.tryAcquire(CLIENT, LhdnApi.DETAILS, now).nextSlot()).contains(now.plusSeconds(5));
        assertThat(second.tryAcquire(CLIENT, LhdnApi.DETAILS, now.plusSeconds(5)).granted()).isTrue();
    }

    interface Ask {
        boolean ask(int index);
    }

    private static List<Boolean> askConcurrently(int asks, Ask ask) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int index = 0; index < asks; index++) {
                int which = index;
                tasks.add(() -> ask.ask(which));
            }
            var results = new ArrayList<Boolean>();
            for (Future<Boolean> result : threads.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
