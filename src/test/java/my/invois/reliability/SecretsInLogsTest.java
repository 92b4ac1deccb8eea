package my.invois.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import my.invois.einvoices.signing.TestCertificate;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC A1, E11: a key never appears in a log line; nor do the database password, the secret
 * key, a merchant's LHDN client secret, the intermediary's LHDN client secret, the signing
 * keystore's password or the Shopify app's secret. Main runs in a child JVM with all of them
 * set to known values; everything it prints from start to SIGTERM, through successes, refusals,
 * near-miss keys, a lock-out and refused webhooks, is searched for them.
 */
class SecretsInLogsTest {

    private final String database = "logs_" + System.nanoTime();
    private final String key = TestServer.randomKey();
    private final String password = "Db-Pa55-" + TestServer.randomKey();
    private final String secretKey = Base64.getEncoder().encodeToString(TestServer.randomKey().substring(5, 37).getBytes(StandardCharsets.US_ASCII));
    private final String clientSecret = "Client-Secret-" + TestServer.randomKey();
    private final String lhdnClientSecret = "Lhdn-Secret-" + TestServer.randomKey();
    private final String keystorePassword = "Keystore-Pw-" + TestServer.randomKey();
    private final String shopifySecret = "shpss_" + TestServer.randomKey();

    @BeforeEach
    void createDatabase() {
        TestDatabase.createDatabase(database);
    }

    @AfterEach
    void dropDatabase() {
        TestDatabase.dropDatabase(database);
    }

    @Test
    void neither_the_key_nor_the_database_password_is_ever_logged() throws Exception {
        Path log = Files.createTempFile("invois-secrets", ".log");
        Path keystore = Files.createTempFile("invois-signing", ".p12");
        Files.write(keystore, TestCertificate.pkcs12(TestCertificate.ZERO_SET_UP, keystorePassword.toCharArray(),
                Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365)));
        for (String url : new String[] {
                "postgresql://postgres:" + password + "@localhost:" + TestDatabase.port() + "/" + database,
                "jdbc:postgresql://localhost:" + TestDatabase.port() + "/" + database + "?user=postgres&password=" + password}) {
            try (ChildServer server = ChildServer.start(Map.of("INVOIS_API_KEY", key, "DATABASE_URL", url,
                    "INVOIS_SECRET_KEY", secretKey, "INVOIS_AUTH_FAILURES_PER_MINUTE", "3",
                    "INVOIS_MYINVOIS_CLIENT_ID", "invois-log-client", "INVOIS_MYINVOIS_CLIENT_SECRET", lhdnClientSecret,
                    "INVOIS_SIGNING_KEYSTORE", keystore.toString(), "INVOIS_SIGNING_KEYSTORE_PASSWORD", keystorePassword,
                    "SHOPIFY_API_SECRET", shopifySecret), log)) {
                exercise(server);
            }
        }

        String output = Files.readString(log);
        assertThat(output).as("the log was captured").contains("Invois serving on port", "Locking out 127.0.0.1", "Stopped");
        assertThat(output).doesNotContain(key, password, key.substring(0, 12), password.substring(8, 20), secretKey, clientSecret,
                lhdnClientSecret, keystorePassword, shopifySecret);
    }

    private void exercise(ChildServer server) {
        Api api = server.api(key);
        assertThat(api.post(Api.PREFIX + "/users", Map.of("name", "Log Reader", "email", "log" + System.nanoTime() + "@example.com")).status()).isEqualTo(201);
        assertThat(api.get(Api.PREFIX + "/users?query=" + key).status()).isEqualTo(200);
        assertThat(api.get(Api.PREFIX + "/users/user-01jdq6z7m9x8k2v3w4y5z6a7b8").status()).isEqualTo(404);
        String organization = api.post(Api.PREFIX + "/organizations", Map.of("name", "Kedai Log")).id();
        String settings = Api.PREFIX + "/organizations/" + organization + "/einvoice-settings";
        assertThat(api.put(settings, Map.of("lhdnClient", "own", "clientId", "log-client", "clientSecret", clientSecret)).status()).isEqualTo(200);
        assertThat(api.deliberatelyBad().put(settings, Map.of("clientSecret", clientSecret, "tinn", clientSecret)).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().post(Api.PREFIX + "/users", Map.of("name", key, "email", "not-an-email " + password)).status()).isEqualTo(400);
        assertThat(api.get(Api.PREFIX + "/users/" + key).status()).isEqualTo(404);
        for (String nearMiss : new String[] {key + "x", key.substring(1), key.toUpperCase(), password, key + password}) {
            assertThat(server.api(nearMiss).get(Api.PREFIX + "/users").status()).isIn(401, 429);
        }
        assertThat(server.api(key + "y").get(Api.PREFIX + "/users").status()).as("locked out").isEqualTo(429);
        assertThat(api.deliberatelyBad().raw("POST", "/webhooks/shopify", "{\"id\":1}", Map.of("X-Shopify-Hmac-Sha256", shopifySecret,
                "X-Shopify-Topic", "orders/paid", "X-Shopify-Webhook-Id", shopifySecret, "X-Shopify-Shop-Domain", "kedai.myshopify.com"))
                .status()).isIn(401, 429);
    }
}
