package my.invois.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import my.invois.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void with_database_url_and_no_key_start_up_stops_naming_the_variable() {
        assertThatThrownBy(() -> SecretKeys.box(Optional.empty(), true, dataDir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_SECRET_KEY");
        assertThat(GeneratedSecretKey.file(dataDir)).doesNotExist();
    }

    @Test
    void the_zero_set_up_run_generates_an_owner_only_key_and_keeps_it() throws Exception {
        SecretBox first = SecretKeys.box(Optional.empty(), false, dataDir);
        Sealed sealed = first.seal("secret", "c");

        SecretBox again = SecretKeys.box(Optional.empty(), false, dataDir);

        assertThat(again.openText(sealed, "c")).isEqualTo("secret");
        Path file = GeneratedSecretKey.file(dataDir);
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void a_damaged_key_file_stops_start_up_naming_it() throws Exception {
        Files.writeString(GeneratedSecretKey.file(dataDir), "not a key\n");

        assertThatThrownBy(() -> SecretKeys.box(Optional.empty(), false, dataDir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("secret-key").hasMessageContaining("INVOIS_SECRET_KEY");
    }

    @Test
    void a_configured_key_is_used_and_nothing_is_generated() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Sealed sealed = SecretBox.fromBase64(key).seal("secret", "c");

        assertThat(SecretKeys.box(Optional.of(key), true, dataDir).openText(sealed, "c")).isEqualTo("secret");
        assertThat(GeneratedSecretKey.file(dataDir)).doesNotExist();
    }
}
