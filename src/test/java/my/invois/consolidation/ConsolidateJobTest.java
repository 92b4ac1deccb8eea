package my.invois.consolidation;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import my.invois.db.Ids;
import my.invois.einvoicesettings.CertificateOfTheTin;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.myinvois.TinChecks;
import my.invois.orders.MonthClose;
import my.invois.orders.OrderService;
import my.invois.testing.Api;
import my.invois.testing.ApiTest;
import my.invois.testing.LogCapture;
import my.invois.testing.SharedSimulator;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/** E7's job on the 6th of the month: the last month consolidated, what is held and what risks LHDN's deadline counted. */
class ConsolidateJobTest extends ApiTest {

    private static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    private static final YearMonth CLOSED = YearMonth.now(MALAYSIA).minusMonths(1);

    private Consolidate job(Clock clock, MonthClose.OverLimit fallback, SimpleMeterRegistry meters) {
        var jdbi = TestDatabase.get().jdbi();
        var settings = new EinvoiceSettingsService(jdbi, TestServer.SECRET_BOX, new CertificateOfTheTin(clock), clock);
        var tins = new TinChecks(jdbi, SharedSimulator.access(), settings, TestServer.SECRET_BOX, clock);
        var orders = new OrderService(jdbi, settings, new Ids(), TestServer.SIGNING, tins, clock);
        return new Consolidate(new ConsolidationService(jdbi, settings, orders, new Ids(), TestServer.SIGNING, fallback, clock), jdbi,
                clock, meters);
    }

    private String organizationWithOrders() {
        String org = anOrganization().create(api).get("id").asText();
        var body = new LinkedHashMap<String, Object>();
        body.put("tin", "C2584563202");
        body.put("registrationType", "BRN");
        body.put("registrationNumber", "202001234567");
        body.put("msicCode", "47912");
        body.put("address", Map.of("lines", List.of("No. 12, Jalan Bukit Bintang"), "city", "Kuala Lumpur",
                "postcode", "55100", "state", "14", "country", "MYS"));
        body.put("phone", "012-345 6789");
        body.put("enabled", true);
        assertThat(api.put(Api.PREFIX + "/organizations/" + org + "/einvoice-settings", body).status()).isEqualTo(200);
        ObjectNode normal = anOrder(1001).line("Batik shirt", 1, "100.00", discounts(), "0.06", "6.00").total("106.00").json()
                .put("id", 1001).put("processed_at", CLOSED.atDay(15) + "T10:00:00+08:00");
        ObjectNode large = anOrder(1002).line("Songket", 1, "10000.01", discounts()).total("10000.01").json().put("id", 1002)
                .put("processed_at", CLOSED.atDay(15) + "T10:00:00+08:00");
        large.putObject("billing_address").put("name", "Aisyah Rahman").put("address1", "12 Jalan Ampang").put("city", "Kuala Lumpur")
                .put("zip", "50450").put("province_code", "KUL").put("country_code", "MY");
        assertThat(api.post(Api.PREFIX + "/organizations/" + org + "/orders", normal).status()).isEqualTo(202);
        assertThat(api.post(Api.PREFIX + "/organizations/" + org + "/orders", large).status()).isEqualTo(202);
        return org;
    }

    @Test
    void on_the_sixth_the_job_consolidates_the_last_month_holds_what_it_must_and_warns_of_the_deadline() {
        organizationWithOrders();
        Instant sixth = CLOSED.plusMonths(1).atDay(6).atTime(2, 0).atZone(MALAYSIA).toInstant();
        var meters = new SimpleMeterRegistry();

        try (LogCapture log = LogCapture.of(Consolidate.class)) {
            job(Clock.fixed(sixth, ZoneOffset.UTC), MonthClose.OverLimit.HOLD, meters).run();

            assertThat(log.lines(Level.WARN)).anyMatch(line -> line.contains("not all Valid")).anyMatch(line -> line.contains("held"));
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE consolidated AND status = 'queued'")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM orders WHERE status = 'needs-buyer-details'")).isEqualTo(1);
        assertThat(meters.get(Consolidate.HELD).gauge().value()).isEqualTo(1.0);
        assertThat(meters.get(Consolidate.DEADLINE_RISK).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void a_second_run_builds_nothing_and_before_the_fifth_no_deadline_risk_is_counted() {
        organizationWithOrders();
        Clock second = Clock.fixed(CLOSED.plusMonths(1).atDay(2).atTime(2, 0).atZone(MALAYSIA).toInstant(), ZoneOffset.UTC);
        var meters = new SimpleMeterRegistry();
        Consolidate job = job(second, MonthClose.OverLimit.INDIVIDUAL, meters);

        job.run();
        job.run();

        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE consolidated")).isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoices WHERE NOT consolidated AND status = 'queued'")).isEqualTo(1);
        assertThat(meters.get(Consolidate.DEADLINE_RISK).gauge().value()).isZero();
    }

    @Test
    void the_schedule_is_two_oclock_malaysian_time_on_the_first_to_the_fifth() {
        Instant lastOfMonth = YearMonth.of(2026, 11).atEndOfMonth().atTime(12, 0).atZone(MALAYSIA).toInstant();
        Instant first = Consolidate.SCHEDULE.getNextExecutionTime(ExecutionComplete.simulatedSuccess(lastOfMonth));
        assertThat(first).isEqualTo(Instant.parse("2026-11-30T18:00:00Z"));
    }
}
