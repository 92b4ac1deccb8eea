package my.invois.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import my.invois.einvoices.signing.EinvoiceVersion;
import my.invois.einvoices.signing.TestCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** E1: INVOIS_SIGNING_KEYSTORE, INVOIS_SIGNING_KEYSTORE_PASSWORD and INVOIS_EINVOICE_VERSION. */
class SigningSettingsTest {

    private static final String[] NO_FLAGS = {};
    private static final String PASSWORD = "p12-s3cret-pass";

    @TempDir
    static Path directory;
    private static Path keystore;

    @BeforeAll
    static void keystore() throws Exception {
        keystore = directory.resolve("intermediary.p12");
        Files.write(keystore, TestCertificate.pkcs12(new TestCertificate.Subject("Invois Sdn Bhd", "C10000000010", "202401000001"),
                PASSWORD.toCharArray(), Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30)));
    }

    private static Config load(Map<String, String> environment, String... args) {
        return ConfigLoader.load(environment, args);
    }

    @Test
    void nothing_configured_means_signed_version_1_1_with_the_test_certificate() {
        Config config = load(Map.of());
        assertThat(config.einvoiceVersion()).isEqualTo(EinvoiceVersion.V1_1);
        assertThat(config.signingKeystore()).isEmpty();
    }

    @Test
    void a_keystore_and_its_password_load_the_signing_key() {
        Config config = load(Map.of("INVOIS_SIGNING_KEYSTORE", keystore.toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", PASSWORD));
        assertThat(config.signingKeystore()).hasValueSatisfying(loaded -> {
            assertThat(loaded.path()).isEqualTo(keystore);
            assertThat(loaded.key().organizationIdentifier()).hasValue("C10000000010");
        });
        assertThat(load(Map.of("INVOIS_SIGNING_KEYSTORE_PASSWORD", PASSWORD), "--signing-keystore=" + keystore).signingKeystore()).isPresent();
    }

    @Test
    void the_version_is_1_1_or_1_0() {
        assertThat(load(Map.of("INVOIS_EINVOICE_VERSION", "1.0")).einvoiceVersion()).isEqualTo(EinvoiceVersion.V1_0);
        assertThat(load(Map.of(), "--einvoice-version=1.1").einvoiceVersion()).isEqualTo(EinvoiceVersion.V1_1);
        assertThatThrownBy(() -> load(Map.of("INVOIS_EINVOICE_VERSION", "1.2"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("INVOIS_EINVOICE_VERSION must be 1.1 (signed) or 1.0 (unsigned), not '1.2'");
    }

    @Test
    void a_keystore_that_cannot_be_used_stops_start_up_naming_the_variable_and_never_the_password() {
        String wrong = "wrong-" + PASSWORD;
        assertRefused(Map.of("INVOIS_SIGNING_KEYSTORE", keystore.toString()), "INVOIS_SIGNING_KEYSTORE_PASSWORD is not");
        assertRefused(Map.of("INVOIS_SIGNING_KEYSTORE_PASSWORD", PASSWORD), "INVOIS_SIGNING_KEYSTORE is not");
        assertRefused(Map.of("INVOIS_SIGNING_KEYSTORE", directory.resolve("missing.p12").toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", PASSWORD),
                "INVOIS_SIGNING_KEYSTORE: cannot read the PKCS#12 file");
        assertRefused(Map.of("INVOIS_SIGNING_KEYSTORE", keystore.toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", wrong),
                "INVOIS_SIGNING_KEYSTORE_PASSWORD: the keystore password is wrong");
        assertThatThrownBy(() -> load(Map.of("INVOIS_SIGNING_KEYSTORE", keystore.toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", wrong)))
                .message().doesNotContain(wrong);
    }

    @Test
    void a_file_that_is_not_pkcs12_names_the_keystore_variable() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.txt"), "not a keystore");
        assertRefused(Map.of("INVOIS_SIGNING_KEYSTORE", text.toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", PASSWORD),
                "INVOIS_SIGNING_KEYSTORE: the keystore is not a PKCS#12");
    }

    @Test
    void printed_config_masks_the_keystore_password() {
        Config config = load(Map.of("INVOIS_SIGNING_KEYSTORE", keystore.toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", PASSWORD));
        assertThat(config.toString()).doesNotContain(PASSWORD).contains("signingKeystore=" + keystore + " (password ****)", "einvoiceVersion=1.1");
    }

    private static void assertRefused(Map<String, String> environment, String message) {
        assertThatThrownBy(() -> load(environment)).isInstanceOf(ConfigException.class).hasMessageContaining(message)
                .message().doesNotContain(PASSWORD);
    }
}
