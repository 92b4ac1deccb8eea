import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Distinct orders/paid deliveries for bench/webhooks.sh, each a new Shopify order (its id, GraphQL
 * id, name and number changed in the template) signed with the shop's secret, so the job that
 * follows the intake has a new order to store for every one. Runs with the JDK alone:
 *
 *   java Orders.java BASE SECRET SHOP TEMPLATE PREFIX FIRST paced RATE SECONDS   # RATE deliveries a second
 *   java Orders.java BASE SECRET SHOP TEMPLATE PREFIX FIRST burst COUNT CONCURRENCY
 *
 * FIRST numbers the first order: each phase of a run gives its own range, so no order is sent twice.
 *
 * Prints one line: RESULT sent=… ok=… non2xx=… errors=… p50_ms=… p99_ms=… seconds=…
 */
public final class Orders {

    private static final String TEMPLATE_ID = "6200407294252";
    private static final long FIRST_ORDER_ID = 7_000_000_000_000L;

    public static void main(String[] args) throws Exception {
        if (args.length != 9) {
            throw new IllegalArgumentException("usage: BASE SECRET SHOP TEMPLATE PREFIX FIRST paced RATE SECONDS | burst COUNT CONCURRENCY");
        }
        URI uri = URI.create(args[0] + "/webhooks/shopify");
        byte[] secret = args[1].getBytes(StandardCharsets.UTF_8);
        String shop = args[2];
        String template = Files.readString(Path.of(args[3]));
        if (!template.contains("\"id\":" + TEMPLATE_ID) || !template.contains("\"name\":\"#1071\"")) {
            throw new IllegalArgumentException("the template is not bench/webhooks/orders_paid.json minified");
        }
        String prefix = args[4];
        int first = Integer.parseInt(args[5]);
        int a = Integer.parseInt(args[7]);
        int b = Integer.parseInt(args[8]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var run = new Orders(client, uri, secret, shop, template, prefix, first);
        long started = System.nanoTime();
        List<CompletableFuture<Void>> sent = switch (args[6]) {
            case "paced" -> run.paced(a, b);
            case "burst" -> run.burst(a, b);
            default -> throw new IllegalArgumentException("mode is paced or burst");
        };
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> latencies = new ArrayList<>(run.latenciesNanos);
        Collections.sort(latencies);
        System.out.printf("RESULT sent=%d ok=%d non2xx=%d errors=%d p50_ms=%.2f p99_ms=%.2f seconds=%.1f%n",
                sent.size(), run.ok.get(), run.non2xx.get(), run.errors.get(),
                percentile(latencies, 0.50), percentile(latencies, 0.99), seconds);
    }

    private final HttpClient client;
    private final URI uri;
    private final byte[] secret;
    private final String shop;
    private final String template;
    private final String prefix;
    private final int first;
    private final AtomicInteger ok = new AtomicInteger();
    private final AtomicInteger non2xx = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());

    private Orders(HttpClient client, URI uri, byte[] secret, String shop, String template, String prefix, int first) {
        this.client = client;
        this.uri = uri;
        this.secret = secret;
        this.shop = shop;
        this.template = template;
        this.prefix = prefix;
        this.first = first;
    }

    /** RATE deliveries a second for SECONDS, each sent at its own time whatever the answers do. */
    private List<CompletableFuture<Void>> paced(int rate, int seconds) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        long start = System.nanoTime();
        long count = (long) rate * seconds;
        for (int i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent.add(send(i));
        }
        return sent;
    }

    /** COUNT deliveries as fast as CONCURRENCY requests in flight take them. */
    private List<CompletableFuture<Void>> burst(int count, int concurrency) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            sent.add(send(i).whenComplete((done, failure) -> inFlight.release()));
        }
        return sent;
    }

    private CompletableFuture<Void> send(int i) {
        int n = first + i;
        long orderId = FIRST_ORDER_ID + n;
        String body = template
                .replace("\"id\":" + TEMPLATE_ID, "\"id\":" + orderId)
                .replace("gid://shopify/Order/" + TEMPLATE_ID, "gid://shopify/Order/" + orderId)
                .replace("\"name\":\"#1071\"", "\"name\":\"#B" + n + "\"")
                .replace("\"order_number\":1071", "\"order_number\":" + (100_000 + n));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String webhookId = prefix + "-" + i;
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Shopify-Hmac-Sha256", hmac(bytes))
                .header("X-Shopify-Topic", "orders/paid")
                .header("X-Shopify-Shop-Domain", shop)
                .header("X-Shopify-Webhook-Id", webhookId)
                .header("X-Shopify-Event-Id", "event-" + webhookId)
                .header("X-Shopify-API-Version", "2026-07")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        long started = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else {
                        latenciesNanos.add(System.nanoTime() - started);
                        (response.statusCode() / 100 == 2 ? ok : non2xx).incrementAndGet();
                    }
                    return null;
                });
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
