import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine benchmark's backlog, through the integration API (bench/engine.sh): for each
 * merchant, orders 1..N and each order's e-invoice request with the general TIN, so that every
 * order becomes one individual e-invoice draft. Workers take (merchant, order) pairs from one
 * counter, so an order is always stored before its request. Prints one line:
 * {@code BACKLOG orders=… requests=… failures=… seconds=… statuses=…}.
 *
 * <pre>java bench/engine/Backlog.java BASE_URL KEY ORGANIZATIONS_FILE ORDERS_PER_MERCHANT WORKERS</pre>
 */
public final class Backlog {

    private static final String PREFIX = "/api/integrations/organizations/";
    private static final String BUYER = """
            {"name":"Siti Aminah","tin":"EI00000000010","registrationType":"NRIC","registrationNumber":"900101-14-5678",\
            "email":"siti@example.my","phone":"012-345 6789","address":{"lines":["No. 3, Jalan Ampang"],\
            "city":"Kuala Lumpur","postcode":"50450","state":"14","country":"MYS"}}""";
    private static final String ORDER = """
            {"id":%d,"name":"#%d","order_number":%d,"currency":"MYR",\
            "processed_at":"%s","created_at":"%s","test":false,"taxes_included":false,\
            "line_items":[{"id":101,"title":"Batik shirt","quantity":2,"current_quantity":2,\
            "price_set":{"shop_money":{"amount":"89.90","currency_code":"MYR"}},"discount_allocations":[],"tax_lines":[]},\
            {"id":102,"title":"Songket scarf","quantity":1,"current_quantity":1,\
            "price_set":{"shop_money":{"amount":"45.00","currency_code":"MYR"}},"discount_allocations":[],"tax_lines":[]}],\
            "shipping_lines":[],"refunds":[],\
            "total_price_set":{"shop_money":{"amount":"224.80","currency_code":"MYR"}}}""";
    private static final long FIRST_ORDER_ID = 6_200_000_000_000L;

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/+$", "");
        String key = args[1];
        List<String> merchants = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank()).toList();
        int perMerchant = Integer.parseInt(args[3]);
        int workers = Integer.parseInt(args[4]);
        String time = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8)).minusMinutes(5).withNano(0).toString();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        int total = merchants.size() * perMerchant;
        var next = new AtomicInteger();
        var orders = new AtomicInteger();
        var requests = new AtomicInteger();
        var failures = new AtomicInteger();
        var statuses = new ConcurrentHashMap<String, AtomicLong>();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String merchant = merchants.get(i % merchants.size());
                    long number = i / merchants.size() + 1;
                    long orderId = FIRST_ORDER_ID + number;
                    String path = PREFIX + merchant + "/orders";
                    if (post(http, base + path, key, String.format(ORDER, orderId, number, number, time, time), statuses, "order", 202)) {
                        orders.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                        continue;
                    }
                    if (post(http, base + path + "/" + orderId + "/einvoice-request", key, BUYER, statuses, "request", 201)) {
                        requests.incrementAndGet();
                    } else {
                        failures.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        Map<String, Long> sorted = new TreeMap<>();
        statuses.forEach((k, v) -> sorted.put(k, v.get()));
        var codes = new StringBuilder();
        sorted.forEach((k, v) -> codes.append(codes.isEmpty() ? "" : ",").append(k).append(':').append(v));
        System.out.printf("BACKLOG orders=%d requests=%d failures=%d seconds=%.1f statuses=%s%n", orders.get(), requests.get(),
                failures.get(), (System.nanoTime() - started) / 1e9, codes);
    }

    /** True for the expected status; every answer is counted by kind and status, a failed call as status 0. */
    private static boolean post(HttpClient http, String url, String key, String body, Map<String, AtomicLong> statuses, String kind,
            int expected) {
        int status;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("X-Invois-Key", key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
        } catch (Exception e) {
            status = 0;
        }
        statuses.computeIfAbsent(kind + "-" + status, k -> new AtomicLong()).incrementAndGet();
        return status == expected;
    }
}
