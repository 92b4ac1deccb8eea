package my.invois.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MyInvoisSettingsTest {

    private static final String SECRET = "intermediary-client-secret-value";

    private static MyInvoisSettings load(Map<String, String> environment) {
        return ConfigLoader.load(environment, new String[0]).myinvois();
    }

    private static Map<String, String> lhdn(String url) {
        return Map.of("INVOIS_MYINVOIS_URL", url, "INVOIS_MYINVOIS_CLIENT_ID", "client-1", "INVOIS_MYINVOIS_CLIENT_SECRET", SECRET);
    }

    @Test
    void nothing_set_means_the_built_in_simulator_with_generated_credentials_and_bounded_timeouts() {
        MyInvoisSettings settings = load(Map.of());
        assertThat(settings.url()).isEmpty();
        assertThat(settings.portalUrl()).isEmpty();
        assertThat(settings.clientId()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void lhdns_sandbox_and_production_get_their_portals() {
        assertThat(load(lhdn("https://preprod-api.myinvois.hasil.gov.my/")).portalUrl()).contains("https://preprod.myinvois.hasil.gov.my");
        assertThat(load(lhdn("https://api.myinvois.hasil.gov.my")).portalUrl()).contains("https://myinvois.hasil.gov.my");
    }

    @Test
    void another_url_needs_its_portal_named() {
        assertThatThrownBy(() -> load(lhdn("https://lhdn-proxy.example.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_MYINVOIS_PORTAL_URL must be set");
        var environment = new java.util.HashMap<>(lhdn("https://lhdn-proxy.example.com"));
        environment.put("INVOIS_MYINVOIS_PORTAL_URL", "https://portal.example.com");
        assertThat(load(environment).portalUrl()).contains("https://portal.example.com");
    }

    @Test
    void a_url_without_credentials_stops_start_up_naming_them() {
        assertThatThrownBy(() -> load(Map.of("INVOIS_MYINVOIS_URL", "https://api.myinvois.hasil.gov.my")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("INVOIS_MYINVOIS_CLIENT_ID").hasMessageContaining("INVOIS_MYINVOIS_CLIENT_SECRET");
    }

    @Test
    void a_malformed_url_or_a_portal_without_a_url_stops_start_up() {
        assertThatThrownBy(() -> load(lhdn("ftp://api.myinvois.hasil.gov.my")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_MYINVOIS_URL must be an http(s) base URL");
        assertThatThrownBy(() -> load(Map.of("INVOIS_MYINVOIS_PORTAL_URL", "https://myinvois.hasil.gov.my")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_MYINVOIS_PORTAL_URL is set but INVOIS_MYINVOIS_URL is not");
    }

    @Test
    void timeouts_are_checked_and_named() {
        assertThat(load(Map.of("INVOIS_MYINVOIS_CONNECT_TIMEOUT_MS", "250", "INVOIS_MYINVOIS_REQUEST_TIMEOUT_MS", "9000")))
                .satisfies(settings -> {
                    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(settings.requestTimeout()).isEqualTo(Duration.ofMillis(9000));
                });
        assertThatThrownBy(() -> load(Map.of("INVOIS_MYINVOIS_REQUEST_TIMEOUT_MS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOIS_MYINVOIS_REQUEST_TIMEOUT_MS must be a whole number");
    }

    @Test
    void the_client_secret_is_masked_when_the_config_is_printed() {
        String printed = ConfigLoader.load(lhdn("https://preprod-api.myinvois.hasil.gov.my"), new String[0]).toString();
        assertThat(printed).contains("client-1").contains("https://preprod-api.myinvois.hasil.gov.my").doesNotContain(SECRET);
    }
}
