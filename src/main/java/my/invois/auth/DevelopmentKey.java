package my.invois.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import my.invois.config.KeyEntry;
import my.invois.config.Tier;

/**
 * SPEC D zero set-up: with no key configured, a random key is generated on first start and
 * kept in the data directory, so that it stays the same across restarts.
 */
public final class DevelopmentKey {

    static final String FILE_NAME = "development-api-key";

    private DevelopmentKey() {
    }

    public static KeyEntry loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Files.writeString(file, generate() + "\n", StandardCharsets.UTF_8);
                restrictToOwner(file);
            }
            return new KeyEntry("development", Tier.DEFAULT, Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the development key in " + file, e);
        }
    }

    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    private static String generate() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

}
