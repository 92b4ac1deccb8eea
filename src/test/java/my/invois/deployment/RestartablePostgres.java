package my.invois.deployment;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import my.invois.db.Connection;

/**
 * A real PostgreSQL server that a test can stop and start again: same data directory, same
 * port, so clients that know its address see an outage and a recovery, not a new server.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;
    private boolean running;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    static RestartablePostgres startIn(Path dataDirectory) {
        var server = new RestartablePostgres(dataDirectory, freePort());
        server.start();
        return server;
    }

    /** Runs initdb on the first start only: zonky keeps an existing data directory when told not to clean it. */
    void start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
            running = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fast shutdown (pg_ctl -m fast): open sessions are terminated, new connections refused. */
    void stop() {
        running = false;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Connection connection() {
        return connection("postgres");
    }

    Connection connection(String database) {
        return new Connection(jdbcUrl(database), Optional.of("postgres"), Optional.empty());
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=postgres";
    }

    boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        if (running) {
            stop();
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
