package my.invois.consolidation;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import my.invois.db.Ids;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoicesettings.CertificateOfTheTin;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.orders.OrderOutcomes;
import my.invois.shopify.OrderJson;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsolidationApiTest extends ApiTest {

    /** The last closed month in Malaysia: the one the tests consolidate. */
    private static final YearMonth CLOSED = YearMonth.now(ZoneId.of("Asia/Kuala_Lumpur")).minusMonths(1);
    private static final String NUMBER = "CON" + CLOSED.toString().replace("-", "");
    private String org;

    @BeforeEach
    void organizationWithCompleteSettings() {
        org = anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
        var body = new LinkedHashMap<String, Object>();
        body.put("tin", "C2584563202");
        body.put("registrationType", "BRN");
        body.put("registrationNumber", "202001234567");
        body.put("msicCode", "47912");
        body.put("address", Map.of("lines", List.of("No. 12, Jalan Bukit Bintang"), "city", "Kuala Lumpur",
                "postcode", "55100", "state", "14", "country", "MYS"));
        body.put("phone", "012-345 6789");
        assertThat(api.put(Api.PREFIX + "/organizations/" + org + "/einvoice-settings", body).status()).isEqualTo(200);
    }

    /** Order #number (Shopify id = number) of the closed month: one line of 100.00 with 6 % tax, 106.00. */
    private static OrderJson order(long number) {
        OrderJson order = anOrder(number).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", number).put("processed_at", CLOSED.atDay(15) + "T10:00:00+08:00");
        return order;
    }

    private JsonNode post(ObjectNode order) {
        Response response = api.post(Api.PREFIX + "/organizations/" + org + "/orders", order);
        assertThat(response.status()).as(response.body()).isIn(200, 202);
        return response.json();
    }

    private Response consolidate(Object month) {
        return api.post(Api.PREFIX + "/organizations/" + org + "/consolidations", Map.of("month", month));
    }

    private JsonNode einvoice(String id) {
        return api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + id).json();
    }

    private String status(long orderId) {
        return api.get(Api.PREFIX + "/organizations/" + org + "/orders/" + orderId).json().get("status").asText();
    }

    @Test
    void a_closed_month_becomes_one_signed_queued_document_of_its_paid_orders_less_their_refunds() {
        post(order(1001).json());
        post(order(1002).json());
        post(order(1004).json());
        post(order(1005).json().put("test", true));
        post(order(1006).json().put("cancelled_at", CLOSED.atDay(16) + "T10:00:00+08:00"));
        OrderJson refunded = order(1007);
        post(refunded.json());
        refunded.refund(701).line(100, 1, "50.00", "3.00").transaction("refund", "success", "53.00");
        post(refunded.json());

        Response ran = consolidate(CLOSED.toString());

        assertThat(ran.status()).as(ran.body()).isEqualTo(202);
        JsonNode created = ran.json().get("created");
        assertThat(created).hasSize(1);
        assertThat(created.get(0).get("number").asText()).isEqualTo(NUMBER + "A");
        assertThat(created.get(0).get("orders").asInt()).isEqualTo(4);
        assertThat(created.get(0).get("payable").asText()).isEqualTo("371.00");
        JsonNode einvoice = einvoice(created.get(0).get("id").asText());
        assertThat(einvoice.get("status").asText()).isEqualTo("queued");
        assertThat(einvoice.get("consolidated").asBoolean()).isTrue();
        assertThat(einvoice.get("buyer").get("name").asText()).isEqualTo("General Public");
        assertThat(einvoice.get("orderIds")).extracting(JsonNode::asText).containsExactly("1001", "1002", "1004", "1007");
        assertThat(einvoice.get("lines")).hasSize(3);
        String document = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + einvoice.get("id").asText() + "/document").body();
        assertThat(document).contains("Orders #1001–#1002").contains("UBLExtensions").contains("EI00000000010");
        assertThat(status(1001)).isEqualTo("consolidated");
        assertThat(status(1005)).isEqualTo("excluded");
        assertThat(status(1006)).isEqualTo("excluded");
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void running_a_month_again_builds_nothing_and_a_late_order_gets_a_supplementary_document() {
        post(order(1001).json());
        String first = consolidate(CLOSED.toString()).json().get("created").get(0).get("id").asText();

        Response again = consolidate(CLOSED.toString());
        post(order(1002).json());
        Response late = consolidate(CLOSED.toString());

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("created")).isEmpty();
        assertThat(late.json().get("created")).hasSize(1);
        assertThat(late.json().get("created").get(0).get("number").asText()).isEqualTo(NUMBER + "B");
        assertThat(einvoice(late.json().get("created").get(0).get("id").asText()).get("orderIds"))
                .extracting(JsonNode::asText).containsExactly("1002");
        assertThat(einvoice(first).get("orderIds")).extracting(JsonNode::asText).containsExactly("1001");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE consolidated")).isEqualTo(2);
    }

    @Test
    void a_buyer_request_after_the_month_is_consolidated_is_409_and_changes_nothing() {
        post(order(1001).json());
        consolidate(CLOSED.toString());
        var buyer = new LinkedHashMap<String, Object>();
        buyer.put("name", "Aisyah Rahman");
        buyer.put("tin", "IG12345678090");
        buyer.put("registrationType", "NRIC");
        buyer.put("registrationNumber", "900101-14-5678");
        buyer.put("email", "siti@example.my");
        buyer.put("phone", "012-345 6789");
        buyer.put("address", Map.of("lines", List.of("12 Jalan Ampang"), "city", "Kuala Lumpur", "postcode", "50450",
                "state", "14", "country", "MYS"));

        Response request = api.post(Api.PREFIX + "/organizations/" + org + "/orders/1001/einvoice-request", buyer);

        assertThat(request.status()).as(request.body()).isEqualTo(409);
        assertThat(request.json().get("message").asText()).contains("already consolidated");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).isEqualTo(1);
    }

    @Test
    void an_order_over_rm10000_without_a_request_gets_an_individual_queued_einvoice_to_the_buyer_it_names() {
        ObjectNode large = anOrder(1003).line("Songket", 1, "10000.01", discounts()).total("10000.01").json().put("id", 1003)
                .put("processed_at", CLOSED.atDay(15) + "T10:00:00+08:00");
        large.putObject("billing_address").put("name", "Aisyah Rahman").put("address1", "12 Jalan Ampang").put("city", "Kuala Lumpur")
                .put("zip", "50450").put("province_code", "KUL").put("country_code", "MY");
        post(large);
        post(order(1001).json());

        Response ran = consolidate(CLOSED.toString());

        assertThat(ran.json().get("created").get(0).get("orders").asInt()).isEqualTo(1);
        assertThat(status(1003)).isEqualTo("individual");
        JsonNode individual = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices?order=1003").json().get("data").get(0);
        assertThat(individual.get("status").asText()).isEqualTo("queued");
        assertThat(individual.get("consolidated").asBoolean()).isFalse();
        assertThat(individual.get("buyer").get("name").asText()).isEqualTo("Aisyah Rahman");
        assertThat(individual.get("buyer").get("tin").asText()).isEqualTo("EI00000000010");
    }

    @Test
    void a_refund_after_the_consolidation_is_a_refund_note_of_the_consolidated_document_and_the_order_stays_in_it() {
        OrderJson refunded = order(1001);
        post(refunded.json());
        OrderJson cancelled = order(1002);
        post(cancelled.json());
        String consolidated = consolidate(CLOSED.toString()).json().get("created").get(0).get("id").asText();

        refunded.refund(701).line(100, 1, "50.00", "3.00").transaction("refund", "success", "53.00");
        post(refunded.json());
        cancelled.refund(702).line(100, 1, "100.00", "6.00").transaction("refund", "success", "106.00");
        post(cancelled.json().put("cancelled_at", CLOSED.plusMonths(1).atDay(1) + "T09:00:00+08:00"));

        JsonNode notes = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices?type=04").json().get("data");
        assertThat(notes).hasSize(2);
        for (JsonNode note : notes) {
            assertThat(note.get("originalId").asText()).isEqualTo(consolidated);
            assertThat(note.get("status").asText()).isEqualTo("draft");
            assertThat(note.get("buyer").get("name").asText()).isEqualTo("General Public");
            // Its document needs the consolidated document's LHDN UUID: built once that is Valid.
            assertThat(api.deliberatelyBad().get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + note.get("id").asText()
                    + "/document").status()).isEqualTo(404);
        }
        assertThat(notes).extracting(note -> note.at("/totals/payable").asText()).containsExactlyInAnyOrder("53.00", "106.00");
        assertThat(status(1001)).isEqualTo("consolidated");
        assertThat(status(1002)).isEqualTo("consolidated");
        assertThat(einvoice(consolidated).at("/totals/payable").asText()).isEqualTo("212.00");
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void a_refund_racing_its_consolidated_documents_validation_gets_its_notes_document_once_that_is_valid() throws Exception {
        OrderJson refunded = order(1001);
        post(refunded.json());
        String consolidated = consolidate(CLOSED.toString()).json().get("created").get(0).get("id").asText();
        Jdbi jdbi = TestDatabase.get().jdbi();
        var einvoices = new EInvoiceRepository(new Ids());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        jdbi.useTransaction(handle -> einvoices.submitted(handle, consolidated, "SUBMISSION1", "UUIDOFTHECONSOLIDATED", now,
                "accepted by LHDN", Optional.empty()));
        var outcomes = new OrderOutcomes(new EinvoiceSettingsService(jdbi, TestServer.SECRET_BOX, new CertificateOfTheTin(Clock.systemUTC()),
                Clock.systemUTC()), new Ids(), TestServer.SIGNING, Clock.systemUTC());
        ExecutorService refunds = Executors.newSingleThreadExecutor();
        try (Handle poll = jdbi.open()) {
            // What the poll job does when LHDN says Valid, held open: the refund must not slip in between.
            poll.begin();
            einvoices.valid(poll, consolidated, "LONGID", now, now, Optional.empty());
            outcomes.valid(poll, einvoices.find(poll, org, consolidated).orElseThrow());
            refunded.refund(701).line(100, 1, "50.00", "3.00").transaction("refund", "success", "53.00");
            Future<JsonNode> refund = refunds.submit(() -> post(refunded.json()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!refund.isDone() && TestDatabase.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 0) {
                assertThat(System.nanoTime()).as("the refund waiting for the validation's lock, or done").isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            poll.commit();
            refund.get();
        } finally {
            refunds.shutdownNow();
        }

        String note = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices?type=04").json().at("/data/0/id").asText();
        Response document = api.get(Api.PREFIX + "/organizations/" + org + "/einvoices/" + note + "/document");
        assertThat(document.status()).as("the note's document, built against the Valid consolidated document").isEqualTo(200);
        assertThat(document.body()).contains("UUIDOFTHECONSOLIDATED").contains(NUMBER + "A");
    }

    @Test
    void the_current_or_a_future_or_a_malformed_month_is_400_and_an_unknown_organization_404() {
        post(order(1001).json());
        YearMonth current = CLOSED.plusMonths(1);

        assertThat(api.deliberatelyBad().post(Api.PREFIX + "/organizations/" + org + "/consolidations",
                Map.of("month", current.toString())).status()).isEqualTo(400);
        assertThat(api.deliberatelyBad().post(Api.PREFIX + "/organizations/" + org + "/consolidations",
                Map.of("month", current.plusMonths(3).toString())).status()).isEqualTo(400);
        Response malformed = api.deliberatelyBad().post(Api.PREFIX + "/organizations/" + org + "/consolidations",
                Map.of("month", "2026-13", "extra", 1));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("details").has("month")).isTrue();
        assertThat(malformed.json().get("details").has("extra")).isTrue();
        assertThat(api.deliberatelyBad().post(Api.PREFIX + "/organizations/org-00000000000000000000000000/consolidations",
                Map.of("month", CLOSED.toString())).status()).isEqualTo(404);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).isZero();
        assertThat(status(1001)).isEqualTo("consolidating");
    }

    @Test
    void consolidated_months_are_listed_newest_first_with_their_documents_and_paginated() {
        post(order(1001).json());
        OrderJson earlier = order(1002);
        earlier.json().put("processed_at", CLOSED.minusMonths(1).atDay(10) + "T10:00:00+08:00");
        post(earlier.json());
        consolidate(CLOSED.toString());
        consolidate(CLOSED.minusMonths(1).toString());

        Response first = api.get(Api.PREFIX + "/organizations/" + org + "/consolidations?per_page=1");
        Response second = api.get(Api.PREFIX + "/organizations/" + org + "/consolidations?per_page=1&page=2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("data")).hasSize(1);
        assertThat(first.json().get("data").get(0).get("month").asText()).isEqualTo(CLOSED.toString());
        assertThat(first.json().get("data").get(0).get("documents").get(0).get("status").asText()).isEqualTo("queued");
        assertThat(first.json().get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(second.json().get("data").get(0).get("month").asText()).isEqualTo(CLOSED.minusMonths(1).toString());
    }
}
