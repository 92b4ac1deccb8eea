package my.invois.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static byte[] key() {
        byte[] key = new byte[SecretBox.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private final SecretBox box = new SecretBox(key());

    @Test
    void a_sealed_secret_opens_to_its_plaintext() {
        Sealed sealed = box.seal("client-secret", "org-1/clientSecret");

        assertThat(box.openText(sealed, "org-1/clientSecret")).isEqualTo("client-secret");
        assertThat(new String(sealed.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("client-secret");
    }

    @Test
    void each_seal_has_its_own_nonce_and_carries_the_key_version() {
        Sealed first = box.seal("same", "c");
        Sealed second = box.seal("same", "c");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.bytes()[0]).isEqualTo(SecretBox.KEY_VERSION);
        assertThat(first.bytes()).hasSize(1 + 12 + "same".length() + 16);
    }

    @Test
    void altered_bytes_do_not_open() {
        byte[] bytes = box.seal("secret", "c").bytes();
        bytes[bytes.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(new Sealed(bytes), "c")).isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("does not open");
    }

    @Test
    void another_key_or_another_context_does_not_open() {
        Sealed sealed = box.seal("secret", "org-1/clientSecret");

        assertThatThrownBy(() -> new SecretBox(key()).open(sealed, "org-1/clientSecret")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open(sealed, "org-2/clientSecret")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void an_unknown_key_version_or_a_truncated_value_is_a_clear_error() {
        byte[] bytes = box.seal("secret", "c").bytes();
        bytes[0] = 7;

        assertThatThrownBy(() -> box.open(new Sealed(bytes), "c")).hasMessageContaining("key version 7");
        assertThatThrownBy(() -> box.open(new Sealed(new byte[5]), "c")).hasMessageContaining("too short");
    }

    @Test
    void a_fingerprint_is_the_same_for_one_key_and_context_and_differs_with_either() {
        byte[] key = key();
        String fingerprint = new SecretBox(key).fingerprint("IG12345678090|NRIC|900101145678", "buyers");

        assertThat(new SecretBox(key).fingerprint("IG12345678090|NRIC|900101145678", "buyers")).isEqualTo(fingerprint).hasSize(64)
                .doesNotContain("900101145678");
        assertThat(new SecretBox(key).fingerprint("IG12345678090|NRIC|900101145679", "buyers")).isNotEqualTo(fingerprint);
        assertThat(new SecretBox(key).fingerprint("IG12345678090|NRIC|900101145678", "sellers")).isNotEqualTo(fingerprint);
        assertThat(new SecretBox(key()).fingerprint("IG12345678090|NRIC|900101145678", "buyers")).isNotEqualTo(fingerprint);
    }

    @Test
    void a_key_must_be_32_bytes_and_is_never_printed() {
        assertThatThrownBy(() -> new SecretBox(new byte[16])).hasMessageContaining("32 bytes");
        byte[] key = key();
        assertThat(SecretBox.fromBase64(Base64.getEncoder().encodeToString(key)).toString())
                .doesNotContain(Base64.getEncoder().encodeToString(key));
        assertThat(box.seal("secret", "c").toString()).isEqualTo("Sealed[****]");
    }
}
