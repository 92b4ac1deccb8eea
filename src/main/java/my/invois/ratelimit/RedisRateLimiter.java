package my.invois.ratelimit;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import my.invois.config.Limits;

/**
 * Counters in Redis, shared by every instance (SPEC A2, D), in one round trip per request.
 * Throws {@link LateReply} when Redis answers later than the command timeout, and Lettuce's
 * exceptions when it is away; the {@link FallbackRateLimiter} around it decides what happens then.
 *
 * <p>Window starts come from the caller's clock, as in the local limiter, not from Redis TIME:
 * the instances' clocks are assumed NTP-synced, so they agree on which window a request is in
 * to within milliseconds.
 */
final class RedisRateLimiter implements SharedCounters {

    // KEYS: one label's minute, hour and day counters. ARGV: their limits, then their lifetimes.
    // Returns the counts before this request, and increments all three only if every window
    // has room (SPEC A2: an admitted request counts in all three, a refused one in none).
    static final String SCRIPT = """
            local counts = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
            local admitted = true
            for i = 1, 3 do
              counts[i] = tonumber(counts[i]) or 0
              if counts[i] >= tonumber(ARGV[i]) then admitted = false end
            end
            if admitted then
              for i = 1, 3 do
                if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[i + 3]) end
              end
            end
            return counts
            """;
    private static final String SCRIPT_SHA = sha1(SCRIPT);
    /** Counters outlive their window a little, so that a clock slightly behind still finds them. */
    private static final long EXPIRY_MARGIN_SECONDS = 60;
    private static final char[] WINDOW_CODES = {'m', 'h', 'd'};

    private final RedisConnection redis;

    private RedisRateLimiter(RedisConnection redis) {
        this.redis = redis;
    }

    /** Starts connecting in the background and returns at once; no command waits longer than {@code commandTimeout}. */
    static RedisRateLimiter connect(String url, Duration commandTimeout) {
        return new RedisRateLimiter(new RedisConnection(url, commandTimeout, RedisRateLimiter::warmUp));
    }

    /** Waits for the first connection (at start-up only); false if Redis did not answer in time. */
    boolean awaitConnection(Duration patience) {
        return redis.await(patience);
    }

    @Override
    public long[] countsBefore(String label, Limits limits, Instant now) {
        long[] allowed = {limits.perMinute(), limits.perHour(), limits.perDay()};
        Window[] windows = Window.values();
        String[] args = new String[windows.length * 2];
        for (int i = 0; i < windows.length; i++) {
            args[i] = String.valueOf(allowed[i]);
            args[windows.length + i] = String.valueOf(windows[i].seconds() + EXPIRY_MARGIN_SECONDS);
        }
        try {
            return run(redis.commands(), keys(label, now), args).stream().mapToLong(Long::longValue).toArray();
        } catch (RedisCommandTimeoutException e) {
            // The script may still run in Redis, late: that request then counts there and here.
            throw new LateReply(redis + " answered late", e);
        }
    }

    /** The label's counter keys for the windows holding {@code now}; the hash tag keeps them in one cluster slot. */
    static String[] keys(String label, Instant now) {
        Window[] windows = Window.values();
        String[] keys = new String[windows.length];
        for (int i = 0; i < windows.length; i++) {
            keys[i] = "invois:rl:{" + label + "}:" + WINDOW_CODES[i] + ":" + windows[i].start(now);
        }
        return keys;
    }

    /** Loads the script and runs it once, on the first connection: limits of zero admit nothing, so it writes nothing. */
    private static void warmUp(RedisCommands<String, String> commands) {
        run(commands, keys("warm-up", Instant.EPOCH), new String[] {"0", "0", "0", "1", "1", "1"});
    }

    private static List<Long> run(RedisCommands<String, String> commands, String[] keys, String[] args) {
        try {
            return commands.evalsha(SCRIPT_SHA, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException e) {
            // A restarted or flushed Redis has forgotten the script; EVAL runs it and caches it again.
            return commands.eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
        }
    }

    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return redis.toString();
    }

    private static String sha1(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
