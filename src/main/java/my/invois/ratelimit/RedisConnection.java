package my.invois.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import my.invois.config.ConfigException;

/**
 * One connection to Redis that never makes a request wait for more than the command timeout:
 * it connects in the background, a lost connection is re-established in the background, and
 * while there is none, commands fail at once instead of queueing.
 */
final class RedisConnection implements AutoCloseable {

    /** For the TCP connect and the handshake of a new connection, which no request waits for. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);
    private static final Delay RECONNECT_DELAY =
            Delay.exponential(Duration.ofMillis(10), RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration commandTimeout;
    private final Consumer<RedisCommands<String, String>> prepare;
    private final CompletableFuture<StatefulRedisConnection<String, String>> connection = new CompletableFuture<>();
    private volatile boolean closed;

    /**
     * Starts connecting in the background. {@code prepare} runs once on the first connection,
     * before any request uses it, with the patient connect timeout (a cold JVM's first
     * commands take longer than a warm one's).
     */
    RedisConnection(String url, Duration commandTimeout, Consumer<RedisCommands<String, String>> prepare) {
        try {
            this.uri = RedisURI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("REDIS_URL is not a Redis URL (" + e.getMessage() + "): use redis://host:6379");
        }
        uri.setTimeout(CONNECT_TIMEOUT);
        this.commandTimeout = commandTimeout;
        this.prepare = prepare;
        this.resources = ClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                // A command whose answer a lost connection swallowed has been counted locally
                // instead; replaying it after the reconnect would count it twice.
                .replayFilter(command -> true)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
        connectInBackground();
    }

    /** Waits for the first connection (at start-up only); false if Redis did not answer in time. */
    boolean await(Duration patience) {
        try {
            connection.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Commands on the open connection, or an exception at once: requests never wait for a connect. */
    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> open = connection.getNow(null);
        if (open == null) {
            throw new RedisConnectionException("not yet connected to " + this);
        }
        return open.sync();
    }

    /** Until the first connection stands; from then on Lettuce reconnects by itself. */
    private void connectInBackground() {
        // Async: prepare blocks, and must not block the event loop that completes the connect.
        client.connectAsync(StringCodec.UTF8, uri).whenCompleteAsync((connected, failure) -> {
            if (failure == null) {
                prepareQuietly(connected);
                connected.setTimeout(commandTimeout);
                connection.complete(connected);
            } else if (!closed) {
                long delay = RECONNECT_DELAY_MAX.toMillis();
                CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::connectInBackground);
            }
        });
    }

    private void prepareQuietly(StatefulRedisConnection<String, String> connected) {
        try {
            prepare.accept(connected.sync());
        } catch (RuntimeException e) {
            // Only a warm-up: the first request fails, or succeeds, on its own.
        }
    }

    @Override
    public void close() {
        closed = true;
        connection.thenAccept(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Where Redis is, without any password: safe to log. */
    @Override
    public String toString() {
        return "Redis at " + uri.getHost() + ":" + uri.getPort();
    }
}
