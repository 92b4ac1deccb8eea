package my.invois.orders;

import static my.invois.testing.Merchants.ADDRESS;
import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import my.invois.einvoices.document.UblJson;
import my.invois.shopify.OrderJson;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Merchants;
import my.invois.testing.Parallel;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class OrderApiTest extends ApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String organization(boolean completeSettings) {
        String id = anOrganization().withName("Kedai Batik Sdn Bhd").create(api).get("id").asText();
        if (completeSettings) {
            completeSettings(id);
        }
        return id;
    }

    private void completeSettings(String id) {
        assertThat(api.put(Api.PREFIX + "/organizations/" + id + "/einvoice-settings", Merchants.completeSettings()).status()).isEqualTo(200);
    }

    private static String orders(String organizationId) {
        return Api.PREFIX + "/organizations/" + organizationId + "/orders";
    }

    private static String einvoices(String organizationId) {
        return Api.PREFIX + "/organizations/" + organizationId + "/einvoices";
    }

    /** One line of 100.00 with 6 % tax: 106.00. */
    private static OrderJson order(long id) {
        OrderJson order = anOrder(1000 + id % 1000).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00");
        order.json().put("id", id);
        return order;
    }

    private Response post(String organizationId, Object body) {
        return api.post(orders(organizationId), body);
    }

    private static Map<String, Object> buyer(String name) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        body.put("tin", "IG12345678090");
        body.put("registrationType", "NRIC");
        body.put("registrationNumber", "900101-14-5678");
        body.put("email", "siti@example.my");
        body.put("phone", "012-345 6789");
        body.put("address", ADDRESS);
        return body;
    }

    private Response request(String organizationId, long orderId, Map<String, Object> buyer) {
        return api.post(orders(organizationId) + "/" + orderId + "/einvoice-request", buyer);
    }

    @Test
    void an_order_is_accepted_and_classified_by_its_status() {
        String org = organization(true);
        ObjectNode test = order(1).json().put("test", true);
        ObjectNode zero = anOrder(1002).line("Free sample", 1, "0.00", discounts()).total("0.00").json().put("id", 2);
        ObjectNode large = anOrder(1003).line("Songket", 1, "10000.01", discounts()).total("10000.01").json().put("id", 3);
        ObjectNode atLimit = anOrder(1004).line("Songket", 1, "10000.00", discounts()).total("10000.00").json().put("id", 4);
        ObjectNode wrongTotal = order(5).total("106.01").json();

        assertThat(post(org, test).json().get("status").asText()).isEqualTo("excluded");
        assertThat(post(org, zero).json().get("status").asText()).isEqualTo("excluded");
        assertThat(post(org, large).json().get("status").asText()).isEqualTo("needs-buyer-details");
        assertThat(post(org, atLimit).json().get("status").asText()).isEqualTo("consolidating");
        Response failed = post(org, wrongTotal);
        Response normal = post(org, order(6).json());

        assertThat(failed.status()).isEqualTo(202);
        assertThat(failed.json().get("status").asText()).isEqualTo("failed");
        assertThat(failed.json().get("statusReason").asText()).contains("payable 106.00").contains("difference -0.01");
        assertThat(normal.status()).isEqualTo(202);
        assertThat(normal.json().get("status").asText()).isEqualTo("consolidating");
        assertThat(normal.json().get("month").asText()).isEqualTo("2026-11");
        assertThat(normal.json().get("payable").asText()).isEqualTo("106.00");
        assertThat(api.get(orders(org) + "/6").json()).isEqualTo(normal.json());
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void an_order_before_the_settings_are_complete_is_pending_and_classified_once_they_are() {
        String org = organization(false);

        Response pending = post(org, order(7).json());
        completeSettings(org);

        assertThat(pending.json().get("status").asText()).isEqualTo("pending");
        assertThat(pending.json().get("statusReason").asText()).contains("tin");
        assertThat(api.get(orders(org) + "/7").json().get("status").asText()).isEqualTo("consolidating");
    }

    @Test
    void the_processed_month_is_malaysian() {
        String org = organization(true);
        ObjectNode lateOctober = order(8).json().put("processed_at", "2026-10-31T16:30:00Z");

        assertThat(post(org, lateOctober).json().get("month").asText()).isEqualTo("2026-11");
    }

    @Test
    void the_same_order_again_changes_nothing() {
        String org = organization(true);
        JsonNode first = post(org, order(9).json()).json();
        String before = DatabaseChecks.checksum();

        Response again = post(org, order(9).json());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
        assertThat(DatabaseChecks.checksum()).isEqualTo(before);
    }

    @Test
    void concurrent_duplicates_store_exactly_one_order() throws Exception {
        String org = organization(true);
        var calls = new ArrayList<Callable<Response>>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> post(org, order(10).json()));
        }

        List<Response> responses = Parallel.all(calls);

        assertThat(responses).extracting(Response::status).allMatch(status -> status == 200 || status == 202);
        assertThat(responses).extracting(Response::status).filteredOn(status -> status == 202).hasSize(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).isEqualTo(1);
    }

    @Test
    void a_hostile_or_incomplete_order_is_a_400_naming_its_fields_and_stores_nothing() {
        String org = organization(true);
        ObjectNode wrongTypes = order(11).json().put("id", "eleven");
        wrongTypes.putObject("total_price_set").putObject("shop_money").put("amount", 106.0);
        ObjectNode missing = order(12).json();
        missing.remove(List.of("currency", "line_items"));
        ObjectNode huge = order(13).json();
        var lines = huge.putArray("line_items");
        for (int i = 0; i < 1_001; i++) {
            lines.add(huge.deepCopy().remove("refunds"));
        }

        Response types = api.deliberatelyBad().post(orders(org), wrongTypes);
        Response absent = api.deliberatelyBad().post(orders(org), missing);
        Response tooMany = api.deliberatelyBad().post(orders(org), huge);
        Response notAnObject = api.deliberatelyBad().post(orders(org), "[1, 2]");

        assertThat(types.status()).isEqualTo(400);
        assertThat(types.json().get("details").has("id")).isTrue();
        assertThat(types.json().get("details").has("total_price_set.shop_money.amount")).isTrue();
        assertThat(absent.status()).isEqualTo(400);
        assertThat(absent.json().get("details").has("currency")).isTrue();
        assertThat(tooMany.status()).isBetween(400, 413);
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).isZero();
    }

    @Test
    void the_buyers_request_makes_a_signed_draft_invoice_whose_totals_are_shopifys() throws Exception {
        String org = organization(true);
        post(org, order(14).json());

        Response created = request(org, 14, buyer("Siti binti Ahmad"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode einvoice = created.json();
        assertThat(einvoice.get("status").asText()).isEqualTo("draft");
        assertThat(einvoice.get("type").asText()).isEqualTo("01");
        assertThat(einvoice.get("number").asText()).isEqualTo("INV000001");
        assertThat(einvoice.get("totals").get("payable").asText()).isEqualTo("106.00");
        assertThat(einvoice.get("orderIds")).containsExactly(JSON.valueToTree("14"));
        assertThat(einvoice.get("buyer").get("registrationNumber").asText()).isEqualTo("900101145678");
        assertThat(created.header("Location")).hasValue(einvoices(org) + "/" + einvoice.get("id").asText());
        assertThat(api.get(orders(org) + "/14").json().get("status").asText()).isEqualTo("individual");

        Response document = api.get(einvoices(org) + "/" + einvoice.get("id").asText() + "/document");
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.header("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode signed = UblJson.read(document.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(signed.at("/Invoice/0/LegalMonetaryTotal/0/PayableAmount/0/_").decimalValue()).isEqualByComparingTo("106.00");
        assertThat(signed.at("/Invoice/0/ID/0/_").asText()).isEqualTo("INV000001");
        assertSignatureVerifies(signed);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void the_buyers_copy_is_a_pdf_marked_not_yet_valid_until_lhdn_validates_it_then_with_the_validation_link() throws Exception {
        String org = organization(true);
        post(org, order(15).json());
        String id = request(org, 15, buyer("Siti binti Ahmad")).id();
        String pdf = einvoices(org) + "/" + id + "/pdf";

        assertThat(api.get(pdf).header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/pdf"));
        String draft = pdfText(pdfBytes(pdf));
        TestDatabase.bulk("UPDATE einvoices SET status = 'valid', uuid = 'F9D425P6DS7D8IU', long_id = 'IS7EJ2M5XF5D0XRBVQ9JWHKMK3MCRQ', "
                + "validated_at = now() WHERE id = '" + id + "'");
        String valid = pdfText(pdfBytes(pdf));

        assertThat(draft).contains("INV000001", "C25845632020", "Not yet validated").doesNotContain("F9D425P6DS7D8IU");
        assertThat(valid).contains("INV000001", "F9D425P6DS7D8IU",
                "https://preprod.myinvois.hasil.gov.my/F9D425P6DS7D8IU/share/IS7EJ2M5XF5D0XRBVQ9JWHKMK3MCRQ").doesNotContain("Not yet validated");
        assertThat(api.get(einvoices(org) + "/" + id).json().at("/lhdn/validationUrl").asText())
                .isEqualTo("https://preprod.myinvois.hasil.gov.my/F9D425P6DS7D8IU/share/IS7EJ2M5XF5D0XRBVQ9JWHKMK3MCRQ");
        assertThat(api.get(einvoices(org) + "/einv-" + "0".repeat(26) + "/pdf").status()).isEqualTo(404);
    }

    private byte[] pdfBytes(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("X-Invois-Key", TestServer.shared().key()).build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String pdfText(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void the_same_request_again_answers_the_same_einvoice_and_another_buyer_is_409() {
        String org = organization(true);
        post(org, order(15).json());
        JsonNode first = request(org, 15, buyer("Siti binti Ahmad")).json();

        Response again = request(org, 15, buyer("Siti binti Ahmad"));
        Response other = request(org, 15, buyer("Ahmad bin Abu"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first);
        assertThat(other.status()).isEqualTo(409);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).isEqualTo(1);
    }

    @Test
    void a_request_for_an_excluded_order_or_with_incomplete_settings_is_409_and_a_bad_buyer_is_400() {
        String org = organization(true);
        post(org, order(16).json().put("test", true));
        String incomplete = organization(false);
        post(incomplete, order(17).json());
        post(org, order(18).json());
        Map<String, Object> bad = buyer("");
        bad.put("tin", "X1");
        bad.put("phone", "12");

        Response excluded = request(org, 16, buyer("Siti binti Ahmad"));
        Response missing = request(incomplete, 17, buyer("Siti binti Ahmad"));
        Response invalid = api.deliberatelyBad().post(orders(org) + "/18/einvoice-request", bad);

        assertThat(excluded.status()).isEqualTo(409);
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.json().get("details").has("tin")).isTrue();
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("details").has("name")).isTrue();
        assertThat(invalid.json().get("details").has("tin")).isTrue();
        assertThat(invalid.json().get("details").has("phone")).isTrue();
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).isZero();
    }

    @Test
    void a_refund_of_an_individual_order_is_a_draft_refund_note_and_a_restock_only_refund_a_credit_note() {
        String org = organization(true);
        post(org, order(19).json());
        String original = request(org, 19, buyer("Siti binti Ahmad")).json().get("id").asText();
        OrderJson refunded = order(19);
        refunded.refund(501).line(100, 1, "100.00", "6.00").transaction("refund", "success", "106.00");

        Response withMoney = post(org, refunded.json());
        refunded.refund(502).line(100, 1, "100.00", "6.00");
        Response restockOnly = post(org, refunded.json());

        assertThat(withMoney.status()).isEqualTo(202);
        assertThat(restockOnly.status()).isEqualTo(202);
        JsonNode notes = api.get(einvoices(org) + "?order=19").json().get("data");
        assertThat(notes).hasSize(3);
        assertThat(notes.get(1).get("type").asText()).isEqualTo("04");
        assertThat(notes.get(1).get("number").asText()).isEqualTo("RN000001");
        assertThat(notes.get(1).get("originalId").asText()).isEqualTo(original);
        assertThat(notes.get(1).get("totals").get("payable").asText()).isEqualTo("106.00");
        assertThat(notes.get(1).get("status").asText()).isEqualTo("draft");
        assertThat(notes.get(2).get("type").asText()).isEqualTo("02");
        assertThat(notes.get(2).get("originalId").asText()).isEqualTo(original);
        assertThat(api.get(einvoices(org) + "/" + notes.get(1).get("id").asText() + "/document").status()).isEqualTo(404);
        assertThat(restockOnly.json().get("refunds")).hasSize(2);
        assertThat(DatabaseChecks.violations()).isEmpty();
    }

    @Test
    void a_refund_before_consolidation_is_recorded_and_a_cancellation_excludes_the_order() {
        String org = organization(true);
        post(org, order(20).json());
        OrderJson later = order(20);
        later.refund(601).line(100, 1, "100.00", "6.00").transaction("refund", "success", "106.00");

        JsonNode refunded = post(org, later.json()).json();
        later.json().put("cancelled_at", "2026-11-25T10:00:00+08:00");
        JsonNode cancelled = post(org, later.json()).json();

        assertThat(refunded.get("status").asText()).isEqualTo("consolidating");
        assertThat(refunded.get("refunds").get(0).get("outcome").asText()).startsWith("recorded");
        assertThat(refunded.get("refunds").get(0).get("moneyReturned").asText()).isEqualTo("106.00");
        assertThat(cancelled.get("status").asText()).isEqualTo("excluded");
        assertThat(cancelled.get("cancelledAt").asText()).isEqualTo("2026-11-25T02:00:00Z");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).isZero();
    }

    @Test
    void cancelling_an_order_with_a_draft_einvoice_cancels_the_einvoice() {
        String org = organization(true);
        post(org, order(21).json());
        String id = request(org, 21, buyer("Siti binti Ahmad")).json().get("id").asText();

        JsonNode cancelled = post(org, order(21).json().put("cancelled_at", "2026-11-25T10:00:00+08:00")).json();

        assertThat(cancelled.get("status").asText()).isEqualTo("excluded");
        JsonNode einvoice = api.get(einvoices(org) + "/" + id).json();
        assertThat(einvoice.get("status").asText()).isEqualTo("cancelled");
        assertThat(einvoice.get("cancelledAt").isNull()).isFalse();
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_status_changes WHERE to_status = 'cancelled'")).isEqualTo(1);
    }

    @Test
    void orders_and_einvoices_are_listed_oldest_first_filtered_and_paginated() {
        String org = organization(true);
        for (long id = 30; id < 35; id++) {
            post(org, order(id).json());
        }
        post(org, order(35).json().put("test", true));
        request(org, 30, buyer("Siti binti Ahmad"));
        request(org, 31, buyer("Siti binti Ahmad"));

        JsonNode page = api.get(orders(org) + "?per_page=2&page=2").json();
        JsonNode excluded = api.get(orders(org) + "?status=excluded").json();
        JsonNode november = api.get(orders(org) + "?month=2026-11").json();
        JsonNode october = api.get(orders(org) + "?month=2026-10").json();
        JsonNode einvoicePage = api.get(einvoices(org) + "?per_page=1&page=2&type=01&status=draft&month=2026-11").json();
        Response badFilter = api.deliberatelyBad().get(orders(org) + "?status=lost&month=2026-13");
        Response badEinvoiceFilter = api.deliberatelyBad().get(einvoices(org) + "?type=05&order=abc");

        assertThat(page.get("data")).extracting(o -> o.get("orderId").asText()).containsExactly("32", "33");
        assertThat(page.get("meta").get("total").asLong()).isEqualTo(6);
        assertThat(excluded.get("data")).hasSize(1);
        assertThat(november.get("meta").get("total").asLong()).isEqualTo(6);
        assertThat(october.get("data")).isEmpty();
        assertThat(einvoicePage.get("data").get(0).get("orderIds").get(0).asText()).isEqualTo("31");
        assertThat(einvoicePage.get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("details").has("status")).isTrue();
        assertThat(badFilter.json().get("details").has("month")).isTrue();
        assertThat(badEinvoiceFilter.json().get("details").has("type")).isTrue();
        assertThat(badEinvoiceFilter.json().get("details").has("order")).isTrue();
    }

    @Test
    void unknown_ids_and_another_organizations_orders_and_einvoices_are_404() {
        String org = organization(true);
        String other = organization(true);
        post(org, order(40).json());
        String id = request(org, 40, buyer("Siti binti Ahmad")).json().get("id").asText();

        assertThat(api.get(orders(other) + "/40").status()).isEqualTo(404);
        assertThat(api.get(einvoices(other) + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(einvoices(other) + "/" + id + "/document").status()).isEqualTo(404);
        assertThat(request(other, 40, buyer("Siti binti Ahmad")).status()).isEqualTo(404);
        assertThat(api.get(einvoices(other)).json().get("data")).isEmpty();
        assertThat(api.get(orders(org) + "/41").status()).isEqualTo(404);
        assertThat(api.deliberatelyBad().get(orders(org) + "/not-a-number").status()).isEqualTo(404);
        assertThat(api.get(einvoices(org) + "/einv-unknown").status()).isEqualTo(404);
        assertThat(api.get(orders("org-unknown")).status()).isEqualTo(404);
        assertThat(post("org-unknown", order(42).json()).status()).isEqualTo(404);
    }

    @Test
    void an_organization_with_draft_einvoices_is_deleted_with_them_and_one_with_a_submitted_einvoice_is_409() {
        String drafts = organization(true);
        post(drafts, order(50).json());
        request(drafts, 50, buyer("Siti binti Ahmad"));
        String submitted = organization(true);
        post(submitted, order(51).json());
        request(submitted, 51, buyer("Siti binti Ahmad"));
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute(
                "UPDATE einvoices SET status = 'submitted', submitted_at = now() WHERE organization_id = ?", submitted));

        assertThat(api.delete(Api.PREFIX + "/organizations/" + drafts).status()).isEqualTo(204);
        assertThat(api.delete(Api.PREFIX + "/organizations/" + submitted).status()).isEqualTo(409);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders")).isEqualTo(1);
    }

    /** The document digest over the document without its signature blocks, and RSA-SHA256 with the embedded certificate. */
    private static void assertSignatureVerifies(JsonNode signed) throws Exception {
        JsonNode signature = signed.at("/Invoice/0/UBLExtensions/0/UBLExtension/0/ExtensionContent/0/UBLDocumentSignatures/0"
                + "/SignatureInformation/0/Signature/0");
        ObjectNode unsigned = signed.deepCopy();
        ((ObjectNode) unsigned.get("Invoice").get(0)).remove(List.of("UBLExtensions", "Signature"));
        byte[] bytes = UblJson.write(unsigned);
        String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        String documentDigest = null;
        for (JsonNode reference : signature.at("/SignedInfo/0/Reference")) {
            if (reference.path("URI").asText().isEmpty()) {
                documentDigest = reference.at("/DigestValue/0/_").asText();
            }
        }
        assertThat(documentDigest).isEqualTo(digest);
        byte[] der = Base64.getDecoder().decode(signature.at("/KeyInfo/0/X509Data/0/X509Certificate/0/_").asText());
        var certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(certificate.getPublicKey());
        rsa.update(bytes);
        assertThat(rsa.verify(Base64.getDecoder().decode(signature.at("/SignatureValue/0/_").asText()))).isTrue();
    }
}
