package my.invois.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import my.invois.orders.MonthClose;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final String KEY = "k".repeat(32);

    private static Config load(Map<String, String> environment, String... args) {
        return ConfigLoader.load(environment, args);
    }

    @Test
    void nothing_configured_means_the_zero_set_up_defaults() {
        Config config = load(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.apiKeys()).isEmpty();
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.redisUrl()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.tierLimits()).isEqualTo(TierLimits.documented());
        assertThat(config.databaseTimeout().toMillis()).isEqualTo(2000);
    }

    @Test
    void flags_override_the_environment() {
        Config config = load(Map.of("PORT", "9000"), "--port=9001", "--data-dir=/tmp/x");
        assertThat(config.port()).isEqualTo(9001);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void single_key_gets_the_default_label_and_tier() {
        assertThat(load(Map.of("INVOIS_API_KEY", KEY)).apiKeys())
                .containsExactly(new KeyEntry("default", Tier.DEFAULT, KEY));
    }

    @Test
    void keys_list_takes_labels_and_tiers() {
        String other = "o".repeat(20);
        Config config = load(Map.of("INVOIS_API_KEYS", "shop-a:premium=" + KEY + ", shop-b=" + other + "," + KEY + "z"));
        assertThat(config.apiKeys()).containsExactly(
                new KeyEntry("shop-a", Tier.PREMIUM, KEY),
                new KeyEntry("shop-b", Tier.DEFAULT, other),
                new KeyEntry("key-3", Tier.DEFAULT, KEY + "z"));
    }

    @Test
    void bad_settings_stop_start_up_naming_the_variable() {
        assertThatThrownBy(() -> load(Map.of("INVOIS_API_KEYS", "shop:gold=" + KEY))).hasMessageContaining("INVOIS_API_KEYS").hasMessageContaining("gold");
        assertThatThrownBy(() -> load(Map.of("INVOIS_API_KEY", "short"))).hasMessageContaining("INVOIS_API_KEY");
        assertThatThrownBy(() -> load(Map.of("INVOIS_API_KEYS", "a:premium=" + KEY + ",a=" + KEY + "x"))).hasMessageContaining("two tiers");
        assertThatThrownBy(() -> load(Map.of("PORT", "http"))).hasMessageContaining("PORT");
        assertThatThrownBy(() -> load(Map.of("DATABASE_URL", "mysql://x/y"))).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> load(Map.of("REDIS_URL", "localhost:6379"))).hasMessageContaining("REDIS_URL");
        assertThatThrownBy(() -> load(Map.of("INVOIS_RATE_LIMIT_PREMIUM", "10/0/5"))).hasMessageContaining("INVOIS_RATE_LIMIT_PREMIUM");
        assertThatThrownBy(() -> load(Map.of(), "--colour=blue")).hasMessageContaining("--colour");
    }

    @Test
    void metrics_are_on_by_default_on_the_api_port_and_can_move_or_be_turned_off() {
        Config defaults = load(Map.of());
        assertThat(defaults.metricsEnabled()).isTrue();
        assertThat(defaults.metricsPort()).isEmpty();
        assertThat(load(Map.of("INVOIS_METRICS_PORT", "9100")).metricsPort()).hasValue(9100);
        assertThat(load(Map.of(), "--metrics=off").metricsEnabled()).isFalse();
        assertThatThrownBy(() -> load(Map.of("INVOIS_METRICS", "maybe"))).hasMessageContaining("INVOIS_METRICS must be on or off");
        assertThatThrownBy(() -> load(Map.of("INVOIS_METRICS_PORT", "8080"))).hasMessageContaining("must differ from PORT");
        assertThatThrownBy(() -> load(Map.of("INVOIS_METRICS", "off", "INVOIS_METRICS_PORT", "9100"))).hasMessageContaining("INVOIS_METRICS=off");
    }

    @Test
    void log_format_is_text_or_json_and_comes_from_the_environment_only() {
        assertThat(load(Map.of()).logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(load(Map.of("INVOIS_LOG_FORMAT", "json")).logFormat()).isEqualTo(LogFormat.JSON);
        assertThatThrownBy(() -> load(Map.of("INVOIS_LOG_FORMAT", "xml"))).hasMessageContaining("INVOIS_LOG_FORMAT must be text or json");
        assertThatThrownBy(() -> load(Map.of("INVOIS_LOG_FORMAT", "JSON"))).hasMessageContaining("lower case");
        assertThatThrownBy(() -> load(Map.of(), "--log-format=json")).hasMessageContaining("set it in the environment");
    }

    @Test
    void the_nine_limits_are_configurable() {
        Config config = load(Map.of("INVOIS_RATE_LIMIT_ENTERPRISE", "7/70/700"));
        assertThat(config.tierLimits().of(Tier.ENTERPRISE)).isEqualTo(new Limits(7, 70, 700));
        assertThat(config.tierLimits().of(Tier.DEFAULT)).isEqualTo(new Limits(1000, 10000, 100000));
    }

    @Test
    void the_lockout_proxy_and_idle_settings_have_safe_defaults_and_are_checked() {
        Config defaults = load(Map.of());
        assertThat(defaults.authFailuresPerMinute()).isEqualTo(20);
        assertThat(defaults.authLockout().toSeconds()).isEqualTo(60);
        assertThat(defaults.trustProxy()).isFalse();
        assertThat(defaults.idleTimeout().toSeconds()).isEqualTo(30);
        Config set = load(Map.of("INVOIS_AUTH_FAILURES_PER_MINUTE", "5", "INVOIS_TRUST_PROXY", "true"), "--idle-timeout-seconds=2");
        assertThat(set.authFailuresPerMinute()).isEqualTo(5);
        assertThat(set.trustProxy()).isTrue();
        assertThat(set.idleTimeout().toSeconds()).isEqualTo(2);
        assertThatThrownBy(() -> load(Map.of("INVOIS_AUTH_FAILURES_PER_MINUTE", "0"))).hasMessageContaining("INVOIS_AUTH_FAILURES_PER_MINUTE");
        assertThatThrownBy(() -> load(Map.of("INVOIS_TRUST_PROXY", "maybe"))).hasMessageContaining("INVOIS_TRUST_PROXY");
        assertThatThrownBy(() -> load(Map.of("INVOIS_IDLE_TIMEOUT_SECONDS", "0"))).hasMessageContaining("INVOIS_IDLE_TIMEOUT_SECONDS");
    }

    @Test
    void the_embedded_database_commits_synchronously_unless_turned_off() {
        assertThat(load(Map.of()).embeddedSynchronousCommit()).isTrue();
        assertThat(load(Map.of("INVOIS_EMBEDDED_SYNCHRONOUS_COMMIT", "off")).embeddedSynchronousCommit()).isFalse();
        assertThatThrownBy(() -> load(Map.of("INVOIS_EMBEDDED_SYNCHRONOUS_COMMIT", "local")))
                .hasMessageContaining("INVOIS_EMBEDDED_SYNCHRONOUS_COMMIT must be on or off");
    }

    @Test
    void http_threads_default_to_javalins_pool_and_refuse_too_few_for_jetty() {
        assertThat(load(Map.of()).httpThreads()).isEqualTo(250);
        assertThat(load(Map.of("INVOIS_HTTP_THREADS", "16")).httpThreads()).isEqualTo(16);
        assertThatThrownBy(() -> load(Map.of("INVOIS_HTTP_THREADS", "15"))).hasMessageContaining("INVOIS_HTTP_THREADS");
        assertThatThrownBy(() -> load(Map.of("INVOIS_HTTP_THREADS", "many"))).hasMessageContaining("INVOIS_HTTP_THREADS");
    }

    @Test
    void connections_are_capped_below_the_limit_on_open_files() {
        String[] none = new String[0];
        ClientLimits defaults = ConfigLoader.load(Map.of(), none, 20_000).clientLimits();
        assertThat(defaults).isEqualTo(new ClientLimits(10_000, 256, Duration.ofSeconds(20)));
        assertThat(ConfigLoader.load(Map.of(), none, 4_096).clientLimits().maxConnections()).isEqualTo(4_096 - 512);
        assertThat(ConfigLoader.load(Map.of("INVOIS_TRUST_PROXY", "true"), none, 20_000).clientLimits().maxConnectionsPerAddress())
                .as("behind a proxy every connection has the proxy's address").isEqualTo(10_000);
        ClientLimits set = ConfigLoader.load(Map.of("INVOIS_MAX_CONNECTIONS", "300", "INVOIS_MAX_CONNECTIONS_PER_ADDRESS", "20",
                "INVOIS_REQUEST_READ_TIMEOUT_SECONDS", "5"), none, 20_000).clientLimits();
        assertThat(set).isEqualTo(new ClientLimits(300, 20, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> ConfigLoader.load(Map.of("INVOIS_MAX_CONNECTIONS", "4000"), none, 4_096))
                .hasMessageContaining("INVOIS_MAX_CONNECTIONS").hasMessageContaining("4096");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("INVOIS_MAX_CONNECTIONS", "100", "INVOIS_MAX_CONNECTIONS_PER_ADDRESS", "101"),
                none, 20_000)).hasMessageContaining("INVOIS_MAX_CONNECTIONS_PER_ADDRESS");
        assertThatThrownBy(() -> load(Map.of("INVOIS_REQUEST_READ_TIMEOUT_SECONDS", "0"))).hasMessageContaining("INVOIS_REQUEST_READ_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), none, 256)).hasMessageContaining("ulimit -n");
    }

    @Test
    void printed_config_masks_every_secret() {
        Config config = load(Map.of("INVOIS_API_KEY", KEY, "DATABASE_URL", "postgresql://invois:s3cret-pw@db:5432/invois",
                "REDIS_URL", "redis://:redis-pw@cache:6379"));
        assertThat(config.toString()).doesNotContain(KEY, "s3cret-pw", "redis-pw").contains("db:5432", "cache:6379");
    }

    @Test
    void secret_key_must_be_32_bytes_of_base64_and_is_masked() {
        String key = "c2VjcmV0LWtleS1vZi10aGUtdGVzdC1zZXJ2ZXJzMzI=";
        Config config = load(Map.of("INVOIS_SECRET_KEY", key));
        assertThat(config.secretKey()).hasValue(key);
        assertThat(config.toString()).doesNotContain(key).contains("secretKey=****");
        assertThat(load(Map.of()).secretKey()).isEmpty();
        for (String bad : new String[] {"c2VjcmV0", "not base64 at all!", key + key}) {
            assertThatThrownBy(() -> load(Map.of("INVOIS_SECRET_KEY", bad)))
                    .hasMessageContaining("INVOIS_SECRET_KEY").hasMessageNotContaining(bad);
        }
    }

    @Test
    void shopify_api_secrets_are_comma_separated_for_a_rotation_and_masked() {
        Config config = load(Map.of("SHOPIFY_API_SECRET", " shpss_old-secret-1 , shpss_new-secret-2 "));
        assertThat(config.shopifyApiSecrets()).containsExactly("shpss_old-secret-1", "shpss_new-secret-2");
        assertThat(config.toString()).doesNotContain("shpss_").contains("shopifyApiSecrets=[****, ****]");
        assertThat(load(Map.of()).shopifyApiSecrets()).isEmpty();
        for (String bad : new String[] {"shpss_one,,shpss_two", "shpss_one,", "shpss one"}) {
            assertThatThrownBy(() -> load(Map.of("SHOPIFY_API_SECRET", bad)))
                    .hasMessageContaining("SHOPIFY_API_SECRET").hasMessageNotContaining("shpss");
        }
    }

    @Test
    void database_url_accepts_both_forms() {
        DatabaseUrl plain = DatabaseUrl.parse("postgresql://user:p%40ss@db.local:5433/invois?sslmode=require");
        assertThat(plain.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5433/invois?sslmode=require");
        assertThat(plain.user()).hasValue("user");
        assertThat(plain.password()).hasValue("p@ss");
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://localhost/invois");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/invois");
        assertThat(jdbc.user()).isEmpty();
    }

    @Test
    void the_over_limit_fallback_is_individual_unless_hold_and_anything_else_stops_the_start_naming_the_variable() {
        assertThat(load(Map.of()).overLimitFallback()).isEqualTo(MonthClose.OverLimit.INDIVIDUAL);
        assertThat(load(Map.of("INVOIS_OVER_LIMIT_FALLBACK", "hold")).overLimitFallback()).isEqualTo(MonthClose.OverLimit.HOLD);
        assertThatThrownBy(() -> load(Map.of("INVOIS_OVER_LIMIT_FALLBACK", "HOLD")))
                .hasMessageContaining("INVOIS_OVER_LIMIT_FALLBACK").hasMessageContaining("individual").hasMessageContaining("hold");
    }
}
