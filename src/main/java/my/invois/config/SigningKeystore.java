package my.invois.config;

import java.nio.file.Path;
import my.invois.einvoices.signing.SigningKey;

/** E1: the intermediary's signing key, loaded from INVOIS_SIGNING_KEYSTORE; its password is not kept. */
public record SigningKeystore(Path path, SigningKey key) {

    @Override
    public String toString() {
        return path + " (password ****)";
    }
}
