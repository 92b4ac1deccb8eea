package my.invois.secrets;

import java.nio.file.Path;
import java.util.Optional;
import my.invois.config.ConfigException;

/**
 * Which key seals the stored secrets. E1: INVOIS_SECRET_KEY when set; generated into the data
 * directory only for the zero-set-up run. With DATABASE_URL the secrets live in a database
 * that outlives any one machine's data directory, and a key generated there would be lost with
 * the machine (and differ between instances), leaving every stored secret unreadable; so then
 * the key must be given, as the API key must.
 */
public final class SecretKeys {

    private SecretKeys() {
    }

    public static SecretBox box(Optional<String> secretKey, boolean externalDatabase, Path dataDir) {
        if (secretKey.isPresent()) {
            return SecretBox.fromBase64(secretKey.get());
        }
        if (externalDatabase) {
            throw new ConfigException("INVOIS_SECRET_KEY must be set when DATABASE_URL is set (32 random bytes in base64,"
                    + " e.g. from: openssl rand -base64 32); a key is generated only for the embedded database");
        }
        try {
            return SecretBox.fromBase64(GeneratedSecretKey.loadOrCreate(dataDir));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(GeneratedSecretKey.file(dataDir) + " does not hold a key of 32 bytes in base64: restore it"
                    + " (a new key cannot open the secrets already stored), or set INVOIS_SECRET_KEY");
        }
    }
}
