package my.invois.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The zero-set-up PostgreSQL (SPEC D): a real server whose data persists in the data directory. */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) {
        Path directory = dataDir.resolve("postgres");
        try {
            Files.createDirectories(directory);
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // SPEC E: its own hook would stop PostgreSQL at SIGTERM, under the requests still in
                    // flight; Main closes it after the drain instead.
                    .setRegisterShutdownHook(false)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    public Connection connection() {
        return new Connection(postgres.getJdbcUrl("postgres", "postgres"), Optional.of("postgres"), Optional.empty());
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
