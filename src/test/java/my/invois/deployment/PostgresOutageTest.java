package my.invois.deployment;

import static my.invois.testing.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import my.invois.metrics.Metrics;
import my.invois.config.ConfigLoader;
import my.invois.db.Database;
import my.invois.testing.Api;
import my.invois.testing.Response;
import my.invois.testing.ShopifyHmac;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue on running several instances: PostgreSQL stops mid-test, then comes back. */
class PostgresOutageTest {

    /** INVOIS_DB_TIMEOUT_MS's default (2 s): the longest a request waits for a connection. */
    private static final Duration DATABASE_TIMEOUT = ConfigLoader.load(Map.of(), new String[0]).databaseTimeout();
    /** That wait and the request's own work on a busy machine; without a bound the pool would wait 30 s. */
    private static final Duration ANSWER_WITHIN = DATABASE_TIMEOUT.plusSeconds(1);

    @TempDir
    static Path dataDirectory;

    private static RestartablePostgres postgres;
    private Database database;
    private TestServer server;
    private Api api;

    @BeforeAll
    static void startPostgres() {
        postgres = RestartablePostgres.startIn(dataDirectory.resolve("postgres"));
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void start() {
        if (!postgres.isRunning()) {
            postgres.start();
        }
        database = Database.open(postgres.connection(), 4, DATABASE_TIMEOUT, Metrics.off().registry());
        server = TestServer.on(database);
        api = server.api();
    }

    @AfterEach
    void stop() {
        server.close();
        database.close();
    }

    @Test
    void while_postgres_is_down_requests_are_503_with_retry_after_and_afterwards_served_again_without_a_restart() {
        String id = aUser().withEmail("outage@example.com").create(api).get("id").asText();

        postgres.stop();

        Response get = answeredPromptly(() -> api.get(Api.PREFIX + "/users/" + id));
        assertUnavailable(get);
        Response post = answeredPromptly(() -> api.post(Api.PREFIX + "/users", aUser().body()));
        assertUnavailable(post);
        Response health = answeredPromptly(() -> api.get("/health"));
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().get("error").asText()).isEqualTo("Service Unavailable");

        postgres.start();

        Response recovered = eventually(() -> api.get(Api.PREFIX + "/users/" + id), Duration.ofSeconds(10));
        assertThat(recovered.status()).as(recovered.body()).isEqualTo(200);
        assertThat(recovered.json().get("email").asText()).isEqualTo("outage@example.com");
        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.post(Api.PREFIX + "/users", aUser().body()).status()).isEqualTo(201);
    }

    @Test
    void a_request_working_in_postgres_when_it_stops_is_503() throws Exception {
        String id = aUser().create(api).get("id").asText();
        try (var rowLock = RowLock.onUser(Jdbi.create(postgres.jdbcUrl("postgres")), id)) {
            var update = CompletableFuture.supplyAsync(() -> api.put(Api.PREFIX + "/users/" + id, Map.of("name", "Renamed")));
            rowLock.awaitWaiting(1);

            postgres.stop();

            assertUnavailable(update.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void a_shopify_webhook_while_postgres_is_down_is_503_stores_nothing_and_its_retry_is_stored_once() {
        byte[] body = "{\"shop_id\": 954889, \"shop_domain\": \"kedai-ali.myshopify.com\"}".getBytes(StandardCharsets.UTF_8);
        var delivery = HttpRequest.newBuilder(URI.create(api.base() + "/webhooks/shopify")).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json").header("X-Shopify-Topic", "shop/redact")
                .header("X-Shopify-Shop-Domain", "kedai-ali.myshopify.com").header("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
                .header("X-Shopify-Hmac-Sha256", ShopifyHmac.of(TestServer.SHOPIFY_SECRETS.get(0), body));

        postgres.stop();

        assertUnavailable(answeredPromptly(() -> api.send(delivery)));
        postgres.start();
        Response retried = eventually(() -> api.send(delivery), Duration.ofSeconds(10));
        assertThat(retried.status()).isEqualTo(200);
        long stored = Jdbi.create(postgres.jdbcUrl("postgres")).withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM shopify_webhook_deliveries").mapTo(Long.class).one());
        assertThat(stored).isEqualTo(1);
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.json().get("error").asText()).isEqualTo("Service Unavailable");
        assertThat(response.json().get("message").asText()).isNotBlank();
        assertThat(response.header("Retry-After")).hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
    }

    private static Response answeredPromptly(Supplier<Response> request) {
        long start = System.nanoTime();
        Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered in").isLessThan(ANSWER_WITHIN);
        return response;
    }

    /** Polls until 200 or the deadline; the pool replaces its dead connections by itself. */
    private static Response eventually(Supplier<Response> request, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        Response response = request.get();
        while (response.status() != 200 && System.nanoTime() < end) {
            sleep(Duration.ofMillis(200));
            response = request.get();
        }
        return response;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
