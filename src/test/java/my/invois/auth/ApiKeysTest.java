package my.invois.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import my.invois.config.KeyEntry;
import my.invois.config.Tier;
import org.junit.jupiter.api.Test;

/** SPEC A1: the comparison takes the same path whichever key matched, or none. */
class ApiKeysTest {

    private static final List<KeyEntry> KEYS = List.of(
            new KeyEntry("first", Tier.DEFAULT, "first-key-0123456789"),
            new KeyEntry("second", Tier.PREMIUM, "second-key-0123456789"),
            new KeyEntry("third", Tier.DEFAULT, "third-key-0123456789"),
            new KeyEntry("fourth", Tier.DEFAULT, "fourth-key-0123456789"),
            new KeyEntry("last", Tier.ENTERPRISE, "last-key-0123456789"));

    private final AtomicInteger comparisons = new AtomicInteger();
    private final BiPredicate<byte[], byte[]> counting = (a, b) -> {
        comparisons.incrementAndGet();
        assertThat(a).hasSize(32);
        assertThat(b).as("only SHA-256 digests are compared, never the keys").hasSize(32);
        return MessageDigest.isEqual(a, b);
    };
    private final ApiKeys keys = new ApiKeys(KEYS, counting);

    private int comparisonsFor(String presented) {
        comparisons.set(0);
        keys.authenticate(presented);
        return comparisons.get();
    }

    @Test
    void every_digest_is_compared_whether_the_first_the_last_or_no_key_matches() {
        assertThat(comparisonsFor("first-key-0123456789")).isEqualTo(KEYS.size());
        assertThat(comparisonsFor("last-key-0123456789")).isEqualTo(KEYS.size());
        assertThat(comparisonsFor("no-such-key-0123456789")).isEqualTo(KEYS.size());
        assertThat(comparisonsFor("f")).isEqualTo(KEYS.size());
        assertThat(comparisonsFor("first-key-0123456789".repeat(1000))).isEqualTo(KEYS.size());
    }

    @Test
    void the_matching_key_names_its_client_and_a_near_miss_matches_none() {
        assertThat(keys.authenticate("first-key-0123456789")).contains(new Client("first", Tier.DEFAULT));
        assertThat(keys.authenticate("last-key-0123456789")).contains(new Client("last", Tier.ENTERPRISE));
        assertThat(keys.authenticate("last-key-012345678")).isEmpty();
        assertThat(keys.authenticate("LAST-KEY-0123456789")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
    }
}
