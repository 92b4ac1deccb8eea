package my.invois.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import my.invois.config.KeyEntry;
import my.invois.config.Limits;
import my.invois.config.Tier;
import my.invois.config.TierLimits;
import my.invois.ratelimit.LocalRateLimiter;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.Response;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * GET /metrics: Prometheus text, labelled by route templates and key labels, never by raw paths or
 * keys; on the API port only with an integration key, on a port of its own without one.
 */
class MetricsApiTest extends ApiTest {

    private static final String USER_ROUTE = "http_server_requests_seconds_count{method=\"GET\",route=\"/api/integrations/users/{id}\",status=\"404\"}";
    private static final String UNAUTHORIZED =
            "{\"error\":\"Unauthorized: Valid API key required\",\"message\":\"Invalid or missing API key\"}";

    private String scrape(Api client) {
        return scrape(client, TestServer.shared().key());
    }

    private String scrape(Api client, String key) {
        Response response = client.raw("GET", "/metrics", null, Map.of("X-Invois-Key", key));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /**
     * Scrapes until the series reaches the value: requests are recorded when they complete, which
     * may be a moment after their client has read the response.
     */
    private String scrapeUntil(Api client, String key, String series, double expected) throws InterruptedException {
        String scrape = scrape(client, key);
        for (int attempt = 0; attempt < 40 && sample(scrape, series) < expected; attempt++) {
            Thread.sleep(50);
            scrape = scrape(client, key);
        }
        return scrape;
    }

    /** The value of one sample line, 0 when the series does not exist yet (the registry outlives a test). */
    private static double sample(String scrape, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void requests_are_counted_by_method_route_template_and_status_with_a_latency_histogram() throws InterruptedException {
        double before = sample(scrape(api), USER_ROUTE);
        String id = "user-" + UUID.randomUUID().toString().replace("-", "").substring(0, 26);

        for (int i = 0; i < 3; i++) {
            assertThat(api.get(Api.PREFIX + "/users/" + id).status()).isEqualTo(404);
        }
        api.deliberatelyBad().get(Api.PREFIX + "/no-such-" + id);

        String scrape = scrapeUntil(api, TestServer.shared().key(), USER_ROUTE, before + 3);
        assertThat(sample(scrape, USER_ROUTE)).isEqualTo(before + 3);
        assertThat(scrape).contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/api/integrations/users/{id}\",status=\"404\",le=\"0.005\"}");
        assertThat(scrape).contains("route=\"unmatched\"");
        assertThat(scrape).doesNotContain(id, TestServer.shared().key());
    }

    @Test
    void connection_pool_usage_is_reported() {
        String scrape = scrape(api);

        assertThat(sample(scrape, "hikaricp_connections_max{pool=\"invois\"}")).isEqualTo(20);
        assertThat(scrape).contains("hikaricp_connections_active{pool=\"invois\"}", "hikaricp_connections_pending{pool=\"invois\"}");
    }

    @Test
    void rate_limit_refusals_are_counted_by_key_label_never_by_key() throws InterruptedException {
        String key = TestServer.randomKey();
        var keys = List.of(new KeyEntry("metrics-partner", Tier.DEFAULT, key));
        var oneAMinute = new TierLimits(Map.of(Tier.DEFAULT, new Limits(1, 100, 100),
                Tier.PREMIUM, new Limits(1, 100, 100), Tier.ENTERPRISE, new Limits(1, 100, 100)));
        try (var server = TestServer.start(keys, oneAMinute, new LocalRateLimiter(), Clock.systemUTC())) {
            Api client = server.api();
            String series = "invois_rate_limit_refusals_total{key_label=\"metrics-partner\",window=\"60\"}";
            double before = sample(scrape(client, key), series);

            assertThat(client.get(Api.PREFIX + "/premium-tiers").status()).isIn(200, 429);
            assertThat(client.get(Api.PREFIX + "/premium-tiers").status()).isEqualTo(429);

            String scrape = scrapeUntil(client, key, series, before + 1);
            assertThat(sample(scrape, series)).isEqualTo(before + 1);
            assertThat(scrape).doesNotContain(key);
        }
    }

    @Test
    void without_a_valid_key_metrics_on_the_api_port_are_the_contracts_401_and_show_nothing() {
        String key = TestServer.shared().key();
        List<Map<String, String>> refused = List.of(Map.of(), Map.of("X-Invois-Key", key + "x"), Map.of("X-Invois-Key", ""),
                Map.of("Authorization", "Bearer " + key + "x"), Map.of("Authorization", "Bearer "), Map.of("Authorization", "Basic " + key),
                Map.of("Authorization", key), Map.of("X-Invois-Key", key + "x", "Authorization", "Bearer " + key));

        for (Map<String, String> headers : refused) {
            Response response = api.deliberatelyBad().raw("GET", "/metrics", null, headers);

            assertThat(response.status()).as(headers.toString()).isEqualTo(401);
            assertThat(response.body()).as(headers.toString()).isEqualTo(UNAUTHORIZED);
            assertThat(response.header("X-RateLimit-Limit")).isEmpty();
        }
        assertThat(api.deliberatelyBad().raw("GET", "/metrics/", null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void prometheus_sends_the_key_as_a_bearer_token() {
        String key = TestServer.shared().key();
        for (String scheme : List.of("Bearer ", "bearer ")) {
            Response response = api.raw("GET", "/metrics", null, Map.of("Authorization", scheme + key));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("# TYPE http_server_requests_seconds histogram");
        }
    }

    @Test
    void scrapes_are_not_rate_limited_and_leave_the_keys_quota_alone() {
        String key = TestServer.randomKey();
        var oneAMinute = new TierLimits(Map.of(Tier.DEFAULT, new Limits(1, 100, 100),
                Tier.PREMIUM, new Limits(1, 100, 100), Tier.ENTERPRISE, new Limits(1, 100, 100)));
        try (var server = TestServer.start(List.of(new KeyEntry("scraper", Tier.DEFAULT, key)), oneAMinute, new LocalRateLimiter(), Clock.systemUTC())) {
            Api client = server.api();
            for (int i = 0; i < 3; i++) {
                Response response = client.raw("GET", "/metrics", null, Map.of("X-Invois-Key", key));
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("X-RateLimit-Limit")).isEmpty();
            }

            assertThat(client.get(Api.PREFIX + "/premium-tiers").status()).isEqualTo(200);
        }
    }

    /** Keys are beyond guessing, but /metrics is no way round the lock-out; a scraper with the key is never locked out. */
    @Test
    void failed_scrapes_count_towards_the_lock_out_and_a_valid_key_still_scrapes() {
        try (var server = TestServer.withMetrics(2)) {
            Api bad = server.api().deliberatelyBad();
            var statuses = new ArrayList<Integer>();
            // Five tries: a minute boundary between them still leaves three in one minute.
            for (int i = 0; i < 5 && !statuses.contains(429); i++) {
                statuses.add(bad.raw("GET", "/metrics", null, Map.of("Authorization", "Bearer wrong-" + i)).status());
            }

            assertThat(statuses).last().isEqualTo(429);
            assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(401);
            assertThat(scrape(server.api(), server.key())).contains("# TYPE http_server_requests_seconds histogram");
        }
    }

    @Test
    void turned_off_there_is_no_metrics_path() {
        String key = TestServer.randomKey();
        try (var server = TestServer.start(List.of(new KeyEntry("test", Tier.DEFAULT, key)),
                TestServer.GENEROUS, new LocalRateLimiter(), Clock.systemUTC(), Metrics.off(), true)) {
            assertThat(server.api().raw("GET", "/metrics", null, Map.of("X-Invois-Key", key)).status()).isEqualTo(404);
        }
    }

    @Test
    void on_a_port_of_their_own_metrics_leave_the_api_port_and_need_no_key() throws Exception {
        Metrics metrics = Metrics.prometheus();
        String key = TestServer.randomKey();
        try (var server = TestServer.start(List.of(new KeyEntry("test", Tier.DEFAULT, key)),
                TestServer.GENEROUS, new LocalRateLimiter(), Clock.systemUTC(), metrics, false);
             var metricsServer = MetricsServer.start(0, metrics)) {
            server.api().raw("GET", "/health/live", null, Map.of());
            assertThat(server.api().raw("GET", "/metrics", null, Map.of("X-Invois-Key", key)).status()).isEqualTo(404);

            // The side port is not the API (no key, no request ids): a plain client reads it.
            HttpClient plain = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + metricsServer.port());
            HttpRequest scrape = HttpRequest.newBuilder(base.resolve("/metrics")).build();
            HttpResponse<String> answer = plain.send(scrape, HttpResponse.BodyHandlers.ofString());
            // The /health/live request is recorded when it completes, which may be just after its answer.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!answer.body().contains("route=\"/health/live\"") && System.nanoTime() < deadline) {
                answer = plain.send(scrape, HttpResponse.BodyHandlers.ofString());
            }
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("route=\"/health/live\"");
            assertThat(plain.send(HttpRequest.newBuilder(base.resolve("/other")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(404);
        }
    }
}
