package my.invois.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import my.invois.einvoices.signing.TestCertificate;
import my.invois.secrets.SecretBox;
import my.invois.secrets.Sealed;
import my.invois.shopify.OrderJson;
import my.invois.testing.Api;
import my.invois.testing.ChildServer;
import my.invois.testing.Merchants;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC A1, E11: a key never appears in a log line; nor do the database password, the secret
 * key, a merchant's LHDN client secret, the intermediary's LHDN client secret, the signing
 * keystore's password, the Shopify app's secret or an LHDN access token. Main runs in a child
 * JVM with all of them set to known values (the tokens are the ones its built-in simulator
 * issues); everything it prints from start to SIGTERM, through successes, refusals, near-miss
 * keys, a lock-out, refused webhooks and a buyer's e-invoice checked and submitted at the
 * simulator, is searched for them.
 */
class SecretsInLogsTest {

    private static final Duration VALID_WITHIN = Duration.ofSeconds(60);

    private final String database = "logs_" + System.nanoTime();
    private String jdbcUrl;
    private final String key = TestServer.randomKey();
    private final String password = "Db-Pa55-" + TestServer.randomKey();
    private final String secretKey = Base64.getEncoder().encodeToString(TestServer.randomKey().substring(5, 37).getBytes(StandardCharsets.US_ASCII));
    private final String clientSecret = "Client-Secret-" + TestServer.randomKey();
    private final String lhdnClientSecret = "Lhdn-Secret-" + TestServer.randomKey();
    private final String keystorePassword = "Keystore-Pw-" + TestServer.randomKey();
    private final String shopifySecret = "shpss_" + TestServer.randomKey();

    @BeforeEach
    void createDatabase() {
        jdbcUrl = TestDatabase.createDatabase(database);
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
        assertThat(output).as("the log was captured").contains("Invois serving on port", "Locking out 127.0.0.1", "Stopped",
                "LHDN validate TIN status 200", "LHDN submit status 202");
        assertThat(output).doesNotContain(key, password, key.substring(0, 12), password.substring(8, 20), secretKey, clientSecret,
                lhdnClientSecret, keystorePassword, shopifySecret);
        List<String> tokens = issuedTokens();
        assertThat(tokens).as("tokens the simulator issued and the server used").isNotEmpty();
        for (String token : tokens) {
            assertThat(output).doesNotContain(token, token.substring(0, 16), token.substring(token.length() - 16));
        }
    }

    /** The server's stored tokens, opened with INVOIS_SECRET_KEY, each one its simulator issued (it keeps only their SHA-256). */
    private List<String> issuedTokens() {
        SecretBox box = SecretBox.fromBase64(secretKey);
        Jdbi jdbi = Jdbi.create(jdbcUrl);
        List<String> tokens = jdbi.withHandle(handle -> handle.createQuery("SELECT client_id, taxpayer, access_token FROM lhdn_tokens")
                .map((row, context) -> box.openText(new Sealed(row.getBytes("access_token")),
                        "lhdn_tokens/" + row.getString("client_id") + "/" + row.getString("taxpayer")))
                .list());
        List<String> issued = jdbi.withHandle(handle -> handle.createQuery("SELECT token_sha256 FROM myinvois_sim.tokens")
                .mapTo(String.class).list());
        assertThat(tokens).allSatisfy(token -> assertThat(issued).contains(sha256(token)));
        return tokens;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
        submitAnEinvoice(api);
    }

    /** A merchant on the intermediary client: the server logs in to its simulator, checks the buyer's TIN, submits and polls. */
    private static void submitAnEinvoice(Api api) {
        String organization = api.post(Api.PREFIX + "/organizations", Map.of("name", "Kedai Token")).id();
        String orders = Api.PREFIX + "/organizations/" + organization + "/orders";
        assertThat(api.put(Api.PREFIX + "/organizations/" + organization + "/einvoice-settings", Merchants.completeSettings()).status())
                .isEqualTo(200);
        OrderJson order = OrderJson.anOrder(1001).line("Batik shirt", 1, "100.00", OrderJson.discounts()).total("100.00");
        order.json().put("id", 1001);
        assertThat(api.post(orders, order.json()).status()).isEqualTo(202);
        Response requested = api.post(orders + "/1001/einvoice-request", Map.of("name", "Siti Aminah", "tin", "IG12345678090",
                "registrationType", "NRIC", "registrationNumber", "900101145678", "phone", "012-345 6789", "address", Merchants.ADDRESS));
        assertThat(requested.status()).isEqualTo(201);
        String einvoice = Api.PREFIX + "/organizations/" + organization + "/einvoices/" + requested.id();
        long deadline = System.nanoTime() + VALID_WITHIN.toNanos();
        while (!api.get(einvoice).json().get("status").asText().equals("valid")) {
            assertThat(System.nanoTime()).as("valid at the simulator within %s", VALID_WITHIN).isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
