package my.invois.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The embedded PostgreSQL lets in the server alone: its superuser has a generated password,
 * kept in the data directory (0600), checked by SCRAM over loopback; no trust, no socket. A data
 * directory that initdb (zonky's, with trust) or an older version left open is closed at start.
 */
final class EmbeddedCredentials {

    static final String PASSWORD_FILE = "postgres-password";
    static final String USER = "postgres";
    static final String HBA = """
            # Written by Invois at every start: only the server, by password (SCRAM), over loopback.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private EmbeddedCredentials() {
    }

    record Password(String text, boolean generated) {
        @Override
        public String toString() {
            return "Password[****]";
        }
    }

    /** Read from the data directory, generated there on first use. */
    static Password password(Path dataDir) {
        Path file = dataDir.resolve(PASSWORD_FILE);
        try {
            boolean generated = !Files.exists(file);
            if (generated) {
                writePrivately(file, generate() + "\n");
            }
            return new Password(Files.readString(file, StandardCharsets.UTF_8).strip(), generated);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the embedded PostgreSQL's password in " + file, e);
        }
    }

    /** Sets the password and writes pg_hba.conf, unless done before; PostgreSQL must be stopped. */
    static void secure(Path postgresDirectory, Password password, PostgresBinaries binaries) {
        Path hba = postgresDirectory.resolve("pg_hba.conf");
        try {
            if (password.generated() || !HBA.equals(Files.readString(hba, StandardCharsets.UTF_8))) {
                // The password first: a crash between the two leaves trust, which the next start closes.
                binaries.run("postgres", List.of("--single", "-D", postgresDirectory.toString(), "-c", "password_encryption=scram-sha-256", USER),
                        "ALTER ROLE " + USER + " WITH PASSWORD '" + password.text() + "';\n");
                writePrivately(hba, HBA);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not secure the embedded PostgreSQL in " + postgresDirectory, e);
        }
    }

    private static String generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Written whole (a crash leaves the old file or the new one) and readable by the owner alone. */
    private static void writePrivately(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        if (next.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
