package my.invois.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import my.invois.config.KeyEntry;

/**
 * The configured keys, held only as SHA-256 digests. A presented key is hashed and compared
 * with every digest in constant time (SPEC A1), so timing reveals neither which key nor how
 * much of it matched.
 */
public final class ApiKeys {

    private record Digest(byte[] sha256, Client client) {
    }

    private final List<Digest> digests;
    private final BiPredicate<byte[], byte[]> equality;

    public ApiKeys(List<KeyEntry> keys) {
        this(keys, MessageDigest::isEqual);
    }

    /** The comparison is a seam so that a test can count that every digest is compared, every time. */
    ApiKeys(List<KeyEntry> keys, BiPredicate<byte[], byte[]> equality) {
        this.equality = equality;
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is required");
        }
        this.digests = keys.stream()
                .map(key -> new Digest(sha256(key.secret()), new Client(key.label(), key.tier())))
                .toList();
    }

    public Optional<Client> authenticate(String presented) {
        byte[] digest = sha256(presented);
        Client match = null;
        for (Digest candidate : digests) {
            // No early exit: every digest is compared whether or not one matched already.
            if (equality.test(candidate.sha256(), digest)) {
                match = candidate.client();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
