package my.invois.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import redis.embedded.RedisServer;

/** A real Redis server from a Maven artifact, on a loopback port of its own; stop and start it at will. */
public final class TestRedis implements AutoCloseable {

    private final int port;
    private RedisServer server;

    private TestRedis(int port) {
        this.port = port;
    }

    public static TestRedis start() {
        var redis = new TestRedis(freePort());
        redis.restart();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the server; its data goes with it (no persistence). */
    public synchronized void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server (again) on the same port, empty. */
    public synchronized void restart() {
        try {
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a counter as Redis holds it, read over a connection of the test's own. */
    public long counter(String key) {
        return withRedis(redis -> {
            String value = redis.get(key);
            return value == null ? 0 : Long.parseLong(value);
        });
    }

    public List<String> keys(String pattern) {
        return withRedis(redis -> redis.keys(pattern)).stream().sorted().toList();
    }

    public long secondsToLive(String key) {
        return withRedis(redis -> redis.ttl(key));
    }

    /** Redis keeps its connections but answers no client for a while: a hung or overloaded server. */
    public void pauseClients(Duration duration) {
        withRedis(redis -> redis.clientPause(duration.toMillis()));
    }

    private <T> T withRedis(Function<RedisCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create(url());
        try (var connection = client.connect()) {
            return action.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
