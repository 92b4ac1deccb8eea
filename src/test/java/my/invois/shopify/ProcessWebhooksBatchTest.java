package my.invois.shopify;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import my.invois.db.Ids;
import my.invois.einvoicesettings.CertificateOfTheTin;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.http.Json;
import my.invois.myinvois.TinChecks;
import my.invois.orders.OrderService;
import my.invois.testing.ApiTest;
import my.invois.testing.Merchants;
import my.invois.testing.Response;
import my.invois.testing.SharedSimulator;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * One batch of process-webhooks holding a delivery that can never be processed between two good
 * ones: the batch first runs without savepoints, so this is the path where it is rolled back and
 * worked again with them. The shared server runs no jobs; the test runs the job itself.
 */
class ProcessWebhooksBatchTest extends ApiTest {

    /** The shop SignedDelivery signs for. */
    private static final String SHOP = "kedai-ali.myshopify.com";

    private static ProcessWebhooks job() {
        var clock = Clock.systemUTC();
        var jdbi = TestDatabase.get().jdbi();
        var settings = new EinvoiceSettingsService(jdbi, TestServer.SECRET_BOX, new CertificateOfTheTin(clock), clock);
        var tins = new TinChecks(jdbi, SharedSimulator.access(), settings, TestServer.SECRET_BOX, clock);
        return new ProcessWebhooks(jdbi, Json.mapper(), new OrderService(jdbi, settings, new Ids(), TestServer.SIGNING, tins, clock),
                clock);
    }

    private static ObjectNode order(long id) {
        OrderJson order = anOrder(2000 + id).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", id);
        return order.json();
    }

    private String received(ObjectNode body) {
        SignedDelivery delivery = SignedDelivery.of("orders/paid", body.toString());
        Response response = api.send(delivery.request(api.base()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return delivery.webhookId();
    }

    private static String state(String webhookId) {
        return TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT state FROM shopify_webhook_deliveries WHERE webhook_id = :id")
                .bind("id", webhookId).mapTo(String.class).one());
    }

    @Test
    void a_delivery_that_cannot_be_processed_fails_alone_and_the_rest_of_its_batch_is_processed() {
        Merchants.withLinkedShop(api, SHOP);
        ObjectNode broken = order(22);
        broken.put("currency", "ringgit");
        List<String> ids = List.of(received(order(21)), received(broken), received(order(23)));
        assertThat(ids).allSatisfy(id -> assertThat(state(id)).isEqualTo("received"));

        assertThat(job().run()).isEqualTo(3);

        assertThat(Map.of("first", state(ids.get(0)), "broken", state(ids.get(1)), "last", state(ids.get(2))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("first", "processed", "broken", "failed", "last", "processed"));
        assertThat(TestDatabase.count("SELECT count(*) FROM orders WHERE shopify_order_id IN (21, 23)")).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders WHERE shopify_order_id = 22")).isZero();
    }
}
