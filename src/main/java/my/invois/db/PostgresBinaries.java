package my.invois.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL programs, unpacked by zonky into a directory of the server's own (not the shared
 * /tmp/embedded-pg, where another local user could plant programs first), and run as zonky runs
 * them: under {@code unshare -U} when the server runs as root, which PostgreSQL refuses.
 */
record PostgresBinaries(Path workingDirectory) implements PgBinaryResolver {

    private static final long COMMAND_PATIENCE_SECONDS = 60;

    /** zonky caches unpacked programs per resolver: a record per directory keeps each directory's own. */
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
    }

    /** Runs one of the programs (postgres, pg_ctl) with {@code input} on its standard input; its output is discarded, as it may echo secrets. */
    void run(String program, List<String> arguments, String input) {
        var command = new ArrayList<String>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(bin().resolve(program).toString());
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(COMMAND_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + COMMAND_PATIENCE_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " " + arguments.get(0) + " failed with exit code " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + program, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** zonky unpacks into PG-&lt;digest of the archive&gt;; after an upgrade of the archive, the newest is the one in use. */
    private Path bin() {
        try (Stream<Path> unpacked = Files.list(workingDirectory)) {
            return unpacked.filter(directory -> directory.getFileName().toString().startsWith("PG-"))
                    .filter(directory -> Files.isExecutable(directory.resolve("bin").resolve("postgres")))
                    .max(Comparator.comparing(PostgresBinaries::modified))
                    .map(directory -> directory.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL programs unpacked in " + workingDirectory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path directory) {
        try {
            return Files.getLastModifiedTime(directory).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
