package my.invois.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import my.invois.config.ConfigLoader;
import my.invois.config.KeyEntry;
import my.invois.config.Limits;
import my.invois.config.Tier;
import my.invois.config.TierLimits;
import my.invois.testing.Api;
import my.invois.testing.LogCapture;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.SlowProxy;
import my.invois.testing.TestRedis;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC A2 and D: two instances on one PostgreSQL and one real Redis share their counters. */
class RedisRateLimitApiTest {

    /** Fixed, so that no window rolls over mid-test. */
    private static final Instant NOW = Instant.parse("2030-01-15T10:30:20Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String MINUTE_KEY = RedisRateLimiter.keys("shop", NOW)[0];
    private static final String MINUTE_RESET = "2030-01-15T10:31:00Z";
    /** Generous, so that a busy test machine cannot push a request onto the local fallback. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    private static final Duration START_PATIENCE = Duration.ofSeconds(2);
    private static final Duration DEFAULT_TIMEOUT = ConfigLoader.load(Map.of(), new String[0]).redisTimeout();
    private static final int INSTANCES = 2;
    /** Three times the old 20 ms timeout that sent every such reply to the local fallback. */
    private static final Duration SLOW_REPLY = Duration.ofMillis(60);

    private final String key = TestServer.randomKey();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final LimiterTimings timings = new LimiterTimings();
    private TestRedis redis;
    private LogCapture log;

    @BeforeEach
    void startRedis() {
        redis = TestRedis.start();
        log = LogCapture.of(FallbackRateLimiter.class);
    }

    @AfterEach
    void stopEverything() throws Exception {
        Collections.reverse(opened);
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        log.close();
        redis.close();
    }

    @Test
    void two_instances_together_admit_the_limit_and_refuse_exactly_the_rest() {
        List<Api> instances = List.of(instance(10, COMMAND_TIMEOUT), instance(10, COMMAND_TIMEOUT));
        int k = 3;

        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 10 + k; i++) {
            responses.add(get(instances.get(i % 2)));
        }

        assertThat(responses).extracting(Response::status).filteredOn(status -> status == 429).hasSize(k);
        assertThat(responses.subList(0, 10)).extracting(Response::status).containsOnly(200);
        assertThat(responses).extracting(response -> response.header("X-RateLimit-Remaining").orElseThrow())
                .containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1", "0", "0", "0", "0");
        for (Response response : responses) {
            assertThat(response.header("X-RateLimit-Limit")).hasValue("10");
            assertThat(response.header("X-RateLimit-Window")).hasValue("60");
            assertThat(response.header("X-RateLimit-Reset")).hasValue(MINUTE_RESET);
        }
        for (Response refused : responses.subList(10, 10 + k)) {
            assertThat(refused.header("Retry-After")).hasValue("40");
            assertThat(refused.json().at("/details/remaining").asLong()).isZero();
        }
        assertThat(redis.counter(MINUTE_KEY)).as("refused requests count in no window").isEqualTo(10);
        assertThat(redis.secondsToLive(MINUTE_KEY)).isBetween(61L, 120L);
        assertThat(redis.keys("*")).as("the counters of one label, nothing else")
                .containsExactlyInAnyOrder(RedisRateLimiter.keys("shop", NOW));
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void with_redis_slow_but_up_two_instances_admit_exactly_the_limit_under_the_default_timeout() {
        SlowProxy slow = slowRedis(SLOW_REPLY);
        List<Api> instances = List.of(instance(slow, 20, DEFAULT_TIMEOUT), instance(slow, 20, DEFAULT_TIMEOUT));
        int k = 5;

        List<Response> responses = new ArrayList<>();
        for (int i = 0; i < 20 + k; i++) {
            responses.add(get(instances.get(i % 2)));
        }

        assertThat(responses.subList(0, 20)).extracting(Response::status).containsOnly(200);
        assertThat(responses.subList(20, 20 + k)).extracting(Response::status).containsOnly(429);
        assertThat(redis.counter(MINUTE_KEY)).isEqualTo(20);
        assertThat(log.lines(Level.WARN)).as("slow is not down").isEmpty();
    }

    @Test
    void the_default_tier_on_two_instances_and_a_slow_redis_admits_1000_of_1010_parallel_requests() throws Exception {
        long perMinute = TierLimits.DOCUMENTED.get(Tier.DEFAULT).perMinute();
        SlowProxy slow = slowRedis(SLOW_REPLY);
        List<Api> instances = List.of(instance(slow, perMinute, DEFAULT_TIMEOUT), instance(slow, perMinute, DEFAULT_TIMEOUT));
        int clients = 10;
        int perClient = 101;

        List<List<Integer>> statuses = Parallel.times(clients, () -> {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < perClient; i++) {
                mine.add(get(instances.get(i % 2)).status());
            }
            return mine;
        });

        List<Integer> all = statuses.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(status -> status == 200).hasSize((int) perMinute);
        assertThat(all).filteredOn(status -> status == 429).hasSize(clients * perClient - (int) perMinute);
        assertThat(redis.counter(MINUTE_KEY)).isEqualTo(perMinute);
        assertThat(log.lines(Level.WARN)).isEmpty();
    }

    @Test
    void while_redis_is_down_two_instances_together_admit_no_more_than_the_limit_left() {
        Api a = instance(20, COMMAND_TIMEOUT);
        Api b = instance(20, COMMAND_TIMEOUT);
        for (int i = 0; i < 10; i++) {
            assertThat(get(i % 2 == 0 ? a : b).status()).isEqualTo(200);
        }

        redis.stop();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(get(i % 2 == 0 ? a : b).status());
        }

        // a last read 9 of 20 and keeps half of the 11 left, b read 10 and keeps 5: no excess.
        assertThat(statuses).filteredOn(status -> status == 200).as("admitted while down").hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(20);
        assertThat(log.lines(Level.WARN)).hasSize(2).allSatisfy(line -> assertThat(line).contains("limiting locally"));
    }

    @Test
    void an_instance_that_found_redis_too_slow_at_start_up_shares_its_limits_once_redis_answers_in_time() {
        SlowProxy slow = slowRedis(START_PATIENCE.plusSeconds(1));
        Api a = instance(slow, 50, DEFAULT_TIMEOUT);
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("start-up");
        assertThat(remaining(a)).as("its share of local limits").containsExactly(24L);

        slow.delay(SLOW_REPLY);
        awaitSharedAgain(a);
        long last = remaining(get(a));
        assertThat(redis.counter(MINUTE_KEY)).isEqualTo(50 - last);
    }

    @Test
    void while_redis_is_down_instances_limit_locally_and_afterwards_share_again_by_themselves() {
        Api a = instance(50, COMMAND_TIMEOUT);
        Api b = instance(50, COMMAND_TIMEOUT);
        assertThat(remaining(a, b, a, b)).containsExactly(49L, 48L, 47L, 46L);

        redis.stop();
        timings.clear();
        List<Long> local = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Response response = get(i % 2 == 0 ? a : b);
            assertThat(response.status()).isEqualTo(200);
            local.add(remaining(response));
        }
        assertThat(timings.longest()).as("no request waits for the absent Redis").isLessThan(Duration.ofMillis(100));
        assertThat(local).as("each instance counts its half of the 46 or 47 left")
                .containsExactly(22L, 22L, 21L, 21L, 20L, 20L, 19L, 19L, 18L, 18L);
        assertThat(log.lines(Level.WARN)).as("one line per instance, not one per request").hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("limiting locally"));

        redis.restart();
        awaitSharedAgain(a, b);
        long first = remaining(get(a));
        assertThat(remaining(b, a, b)).containsExactly(first - 1, first - 2, first - 3);
        assertThat(redis.counter(MINUTE_KEY)).as("the counts live in the restarted Redis").isEqualTo(50 - (first - 3));
        assertThat(log.lines(Level.WARN)).hasSize(2);
    }

    @Test
    void a_redis_that_stops_answering_costs_a_request_at_most_the_command_timeout() {
        // Short, so that the bound on a request's wait below is tight.
        Api a = instance(50, Duration.ofMillis(20));
        assertThat(remaining(a, a)).containsExactly(49L, 48L);

        redis.pauseClients(Duration.ofSeconds(2));
        timings.clear();
        for (int i = 0; i < 12; i++) {
            assertThat(get(a).status()).isEqualTo(200);
            pause(Duration.ofMillis(100));
        }
        assertThat(timings.longest()).as("20 ms of waiting at most, plus a busy machine's slack")
                .isLessThan(Duration.ofMillis(100));
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("limiting locally");

        awaitSharedAgain(a);
        assertThat(log.lines(Level.WARN)).hasSize(1);
    }

    @Test
    void an_instance_started_while_redis_is_down_serves_and_shares_its_limits_once_redis_is_up() {
        redis.stop();
        Api a = instance(50, COMMAND_TIMEOUT);
        assertThat(log.lines(Level.WARN)).singleElement().asString().contains("start-up");
        assertThat(remaining(a, a)).as("its half of local limits").containsExactly(24L, 23L);

        redis.restart();
        awaitSharedAgain(a);
        long last = remaining(get(a));
        assertThat(redis.counter(MINUTE_KEY)).isEqualTo(50 - last);
        assertThat(log.lines(Level.WARN)).hasSize(1);
    }

    private SlowProxy slowRedis(Duration delay) {
        SlowProxy proxy = SlowProxy.to(redis.port(), delay);
        opened.add(proxy);
        return proxy;
    }

    private Api instance(long perMinute, Duration commandTimeout) {
        return instance(redis.url(), perMinute, commandTimeout);
    }

    private Api instance(SlowProxy proxy, long perMinute, Duration commandTimeout) {
        return instance("redis://127.0.0.1:" + proxy.port(), perMinute, commandTimeout);
    }

    private Api instance(String redisUrl, long perMinute, Duration commandTimeout) {
        var limiter = FallbackRateLimiter.overRedis(redisUrl, commandTimeout, INSTANCES, BACKOFF, START_PATIENCE);
        opened.add(limiter);
        RateLimiter timed = timings.of(limiter);
        Limits limits = new Limits(perMinute, 10_000, 100_000);
        var tiers = new TierLimits(Map.of(Tier.DEFAULT, limits, Tier.PREMIUM, limits, Tier.ENTERPRISE, limits));
        TestServer server = TestServer.start(List.of(new KeyEntry("shop", Tier.DEFAULT, key)), tiers, timed, CLOCK);
        opened.add(server);
        return server.api();
    }

    /** Sends requests until every instance has logged that its limits are shared again. */
    private void awaitSharedAgain(Api... instances) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (resumptions() < instances.length && System.nanoTime() < deadline) {
            for (Api instance : instances) {
                assertThat(get(instance).status()).isIn(200, 429);
            }
            pause(Duration.ofMillis(200));
        }
        assertThat(resumptions()).isEqualTo(instances.length);
    }

    private long resumptions() {
        return log.lines(Level.INFO).stream().filter(line -> line.contains("shared again")).count();
    }

    private static List<Long> remaining(Api... instances) {
        List<Long> remaining = new ArrayList<>();
        for (Api instance : instances) {
            Response response = get(instance);
            assertThat(response.status()).isEqualTo(200);
            remaining.add(remaining(response));
        }
        return remaining;
    }

    private static long remaining(Response response) {
        return Long.parseLong(response.header("X-RateLimit-Remaining").orElseThrow());
    }

    private static Response get(Api api) {
        return api.get(Api.PREFIX + "/users?per_page=1");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
