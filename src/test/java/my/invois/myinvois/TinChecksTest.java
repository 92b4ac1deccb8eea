package my.invois.myinvois;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import my.invois.einvoicesettings.CertificateOfTheTin;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.testing.Api;
import my.invois.testing.Merchants;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E5's Validate TIN cache against the simulator, with the clock the test moves: how long each answer is reused, what is never cached. */
class TinChecksTest extends MyInvoisTest {

    private static final String KNOWN_TIN = "IG12345678090";
    private static final String KNOWN_NRIC = "900101145678";

    private final Api api = TestServer.shared().api();
    private final EinvoiceSettingsService settings = new EinvoiceSettingsService(TestDatabase.get().jdbi(), TestServer.SECRET_BOX,
            new CertificateOfTheTin(clock), clock);

    @BeforeEach
    void clearCache() {
        TestDatabase.get().jdbi().useHandle(handle -> handle.execute("TRUNCATE lhdn_tin_checks"));
    }

    @Test
    void a_valid_answer_is_reused_for_30_days_and_a_not_found_one_for_an_hour() {
        TinChecks checks = checks(ACCOUNT);
        String org = merchant();

        assertThat(checks.check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC)).isInstanceOf(TinChecks.Valid.class);
        clock.advance(TinChecks.VALID_FOR.minusMinutes(1));
        assertThat(checks.check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC)).isInstanceOf(TinChecks.Valid.class);
        assertThat(simulatorCalls("validateTin")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(checks.check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC)).isInstanceOf(TinChecks.Valid.class);
        assertThat(simulatorCalls("validateTin")).isEqualTo(2);

        assertThat(checks.check(org, KNOWN_TIN, "NRIC", "900101145679")).isInstanceOf(TinChecks.NotFound.class);
        clock.advance(TinChecks.NOT_FOUND_FOR.minusMinutes(1));
        assertThat(checks.check(org, KNOWN_TIN, "NRIC", "900101145679")).isInstanceOf(TinChecks.NotFound.class);
        assertThat(simulatorCalls("validateTin")).isEqualTo(3);
        clock.advance(Duration.ofMinutes(2));
        assertThat(checks.check(org, KNOWN_TIN, "NRIC", "900101145679")).isInstanceOf(TinChecks.NotFound.class);
        assertThat(simulatorCalls("validateTin")).isEqualTo(4);
    }

    @Test
    void one_answer_serves_every_merchant_and_answers_past_30_days_are_deleted() {
        TinChecks checks = checks(ACCOUNT);
        checks.check(merchant(), KNOWN_TIN, "NRIC", KNOWN_NRIC);
        checks.check(merchant(), KNOWN_TIN, "NRIC", KNOWN_NRIC);
        assertThat(simulatorCalls("validateTin")).isEqualTo(1);

        clock.advance(TinChecks.VALID_FOR.plusMinutes(1));
        checks.check(merchant(), "C25845632020", "BRN", "201901234567");

        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks")).as("only the latest answer is kept").isEqualTo(1);
    }

    @Test
    void throttled_unreachable_or_refused_calls_are_not_cached() {
        String org = merchant();
        faults("{\"tooManyRequests\":true}");
        TinChecks.Answer throttled = checks(ACCOUNT).check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC);
        faults("{\"tooManyRequests\":false}");
        clock.advance(Duration.ofSeconds(2));
        TinChecks.Answer refused = checks(LhdnAccount.intermediary(CLIENT_ID, "wrong-secret", SUPPLIER_TIN))
                .check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC);

        assertThat(throttled).isInstanceOfSatisfying(TinChecks.Unavailable.class,
                unavailable -> assertThat(unavailable.retryAt()).isEqualTo(clock.instant().minusSeconds(1)));
        assertThat(refused).isInstanceOfSatisfying(TinChecks.Refused.class, login -> {
            assertThat(login.status()).isEqualTo(400);
            assertThat(login.error().code()).isEqualTo("invalid_client");
        });
        assertThat(TestDatabase.count("SELECT count(*) FROM lhdn_tin_checks")).isZero();
        assertThat(checks(ACCOUNT).check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC)).isInstanceOf(TinChecks.Valid.class);
    }

    @Test
    void an_organization_without_a_tin_has_no_account_and_nothing_is_asked() {
        String org = anOrganization().create(api).get("id").asText();

        assertThat(checks(ACCOUNT).check(org, KNOWN_TIN, "NRIC", KNOWN_NRIC)).isInstanceOf(TinChecks.NoAccount.class);
        assertThat(simulatorCalls("login") + simulatorCalls("validateTin")).isZero();
    }

    private TinChecks checks(LhdnAccount account) {
        return new TinChecks(TestDatabase.get().jdbi(), new LhdnAccess(server(), tin -> account), settings, secrets, clock);
    }

    private String merchant() {
        String org = anOrganization().create(api).get("id").asText();
        assertThat(api.put(Api.PREFIX + "/organizations/" + org + "/einvoice-settings", Merchants.completeSettings()).status())
                .isEqualTo(200);
        return org;
    }
}
