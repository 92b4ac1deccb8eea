package my.invois.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code postmaster.pid} in the data directory says about the PostgreSQL it names: after a
 * kill -9 of the server, its PostgreSQL runs on, orphaned, and blocks every restart. Ours when
 * the process is alive, is a postgres program and serves this very data directory; a pid file
 * naming anything else is stale (the pid was reused). Only a process proven ours is ever stopped.
 */
record Postmaster(long pid, Kind kind) {

    enum Kind { OURS, STALE, UNKNOWN }

    static final String PID_FILE = "postmaster.pid";

    /** Empty when no pid file is there. */
    static Optional<Postmaster> of(Path dataDirectory) {
        Path file = dataDirectory.resolve(PID_FILE);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || !lines.get(0).strip().matches("\\d{1,10}")) {
                return Optional.of(new Postmaster(0, Kind.STALE));
            }
            long pid = Long.parseLong(lines.get(0).strip());
            return Optional.of(new Postmaster(pid, ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(process -> kind(process.info().command(), process.info().arguments().map(List::of), workingDirectory(pid), dataDirectory))
                    .orElse(Kind.STALE)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Pure: a live process with this command line (and working directory) is ours, stale or undecidable. */
    static Kind kind(Optional<String> command, Optional<List<String>> arguments, Optional<Path> workingDirectory, Path dataDirectory) {
        if (command.isEmpty() || arguments.isEmpty()) {
            return Kind.UNKNOWN;
        }
        if (!Path.of(command.get()).getFileName().toString().equals("postgres")) {
            return Kind.STALE;
        }
        int flag = arguments.get().indexOf("-D");
        if (flag < 0 || flag + 1 >= arguments.get().size()) {
            return Kind.UNKNOWN;
        }
        Path served = Path.of(arguments.get().get(flag + 1));
        if (!served.isAbsolute()) {
            if (workingDirectory.isEmpty()) {
                return Kind.UNKNOWN;
            }
            served = workingDirectory.get().resolve(served);
        }
        return sameDirectory(served, dataDirectory) ? Kind.OURS : Kind.STALE;
    }

    private static boolean sameDirectory(Path served, Path dataDirectory) {
        try {
            return Files.exists(served) && Files.isSameFile(served, dataDirectory);
        } catch (IOException e) {
            return served.toAbsolutePath().normalize().equals(dataDirectory.toAbsolutePath().normalize());
        }
    }

    /** Linux tells a process's working directory, which resolves a relative -D of an older start. */
    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
