package my.invois.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * E1 zero set-up: with no INVOIS_SECRET_KEY and the embedded database, a random key is generated
 * on first start and kept in the data directory (owner-only), next to the database whose
 * secrets it opens, so that it stays the same across restarts.
 */
public final class GeneratedSecretKey {

    static final String FILE_NAME = "secret-key";

    private GeneratedSecretKey() {
    }

    /** The key in base64, as INVOIS_SECRET_KEY would hold it. */
    public static String loadOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                createOwnerOnly(file);
                Files.writeString(file, generate() + "\n", StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the secret key in " + file, e);
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    private static String generate() {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Owner-only from its creation, so the key is never readable by others, not even for an instant. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
