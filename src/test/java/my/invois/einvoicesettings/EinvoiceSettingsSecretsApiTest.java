package my.invois.einvoicesettings;

import static my.invois.testing.Merchants.completeSettings;
import static my.invois.einvoicesettings.EinvoiceSettingsApiTest.path;
import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.einvoices.signing.TestCertificate;
import my.invois.http.ApiException;
import my.invois.secrets.Sealed;
import my.invois.testing.ApiTest;
import my.invois.testing.LogCapture;
import my.invois.testing.Response;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

class EinvoiceSettingsSecretsApiTest extends ApiTest {

    private static final String CLIENT_SECRET = "client-secret-3f2504e0-4f89-11d3";
    private static final String PASSWORD = "keystore-password-a8f5f167";
    /** A keystore whose certificate names the merchant's TIN, as the app's check requires. */
    private static final byte[] KEYSTORE = keystoreFor("C25845632020");
    private static final KeystoreCheck ANY_KEYSTORE = (keystore, password, tin) -> Optional.empty();

    private static byte[] keystoreFor(String tin) {
        return TestCertificate.pkcs12(new TestCertificate.Subject("Kedai Batik Siti", tin, "202001234567"),
                PASSWORD.toCharArray(), Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365));
    }

    private static Map<String, Object> ownClient() {
        var body = completeSettings();
        body.put("lhdnClient", "own");
        body.put("clientId", "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        body.put("clientSecret", CLIENT_SECRET);
        body.put("signingKeystore", Base64.getEncoder().encodeToString(KEYSTORE));
        body.put("signingKeystorePassword", PASSWORD);
        return body;
    }

    private String organization() {
        return anOrganization().create(api).get("id").asText();
    }

    @Test
    void secrets_are_write_only_and_shown_as_stars() {
        String id = organization();

        JsonNode saved = api.put(path(id), ownClient()).json();

        for (JsonNode settings : List.of(saved, api.get(path(id)).json())) {
            assertThat(settings.get("clientSecret").asText()).isEqualTo("****");
            assertThat(settings.get("signingKeystore").asText()).isEqualTo("****");
            assertThat(settings.get("signingKeystorePassword").asText()).isEqualTo("****");
            assertThat(settings.toString()).doesNotContain(CLIENT_SECRET, PASSWORD, Base64.getEncoder().encodeToString(KEYSTORE));
        }
        assertThat(saved.get("complete").asBoolean()).isTrue();
    }

    @Test
    void stored_secrets_are_sealed_not_plaintext_and_open_with_the_key() {
        String id = organization();
        api.put(path(id), ownClient());

        Map<String, Object> row = TestDatabase.get().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT client_secret, signing_keystore, signing_keystore_password FROM einvoice_settings WHERE organization_id = :id")
                .bind("id", id).mapToMap().one());
        byte[] secret = (byte[]) row.get("client_secret");
        assertThat(new String(secret, StandardCharsets.ISO_8859_1)).doesNotContain(CLIENT_SECRET);
        assertThat(new String((byte[]) row.get("signing_keystore_password"), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
        assertThat(new String((byte[]) row.get("signing_keystore"), StandardCharsets.ISO_8859_1)).doesNotContain("PKCS12-stand-in");
        assertThat(TestServer.SECRET_BOX.openText(new Sealed(secret), "einvoice-settings/" + id + "/clientSecret")).isEqualTo(CLIENT_SECRET);
    }

    @Test
    void the_service_opens_the_merchants_own_client_for_the_engine() {
        String id = organization();
        api.put(path(id), ownClient());
        var service = new EinvoiceSettingsService(TestDatabase.get().jdbi(), TestServer.SECRET_BOX, ANY_KEYSTORE, Clock.systemUTC());

        OwnLhdnClient own = service.ownLhdnClient(id).orElseThrow();

        assertThat(own.clientSecret()).isEqualTo(CLIENT_SECRET);
        assertThat(own.signingKeystorePassword()).isEqualTo(PASSWORD);
        assertThat(own.signingKeystore()).isEqualTo(KEYSTORE);
        assertThat(own.toString()).doesNotContain(CLIENT_SECRET, PASSWORD);
        assertThat(service.settings(id).orElseThrow().tin()).contains("C25845632020");
    }

    @Test
    void stars_sent_back_keep_the_secret_and_null_clears_it() {
        String id = organization();
        api.put(path(id), ownClient());
        var service = new EinvoiceSettingsService(TestDatabase.get().jdbi(), TestServer.SECRET_BOX, ANY_KEYSTORE, Clock.systemUTC());

        assertThat(api.put(path(id), Map.of("clientSecret", "****")).status()).isEqualTo(200);
        assertThat(service.ownLhdnClient(id).orElseThrow().clientSecret()).isEqualTo(CLIENT_SECRET);

        var clear = new HashMap<String, Object>();
        clear.put("clientSecret", null);
        JsonNode cleared = api.put(path(id), clear).json();
        assertThat(cleared.get("clientSecret").isNull()).isTrue();
        assertThat(cleared.get("missing").toString()).isEqualTo("[\"clientSecret\"]");
        assertThat(service.ownLhdnClient(id)).isEmpty();
    }

    @Test
    void a_keystore_needs_its_password_and_a_plausible_size() {
        String id = organization();

        Response alone = api.put(path(id), Map.of("signingKeystore", Base64.getEncoder().encodeToString(KEYSTORE)));
        Response tiny = api.put(path(id), Map.of("signingKeystore", "AAAA", "signingKeystorePassword", PASSWORD));

        assertThat(alone.json().get("details").has("signingKeystorePassword")).isTrue();
        assertThat(tiny.json().get("details").has("signingKeystore")).isTrue();
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings")).isZero();
    }

    @Test
    void the_keystore_check_can_refuse_a_certificate_of_another_tin() {
        String id = organization();
        KeystoreCheck otherTin = (keystore, password, tin) -> Optional.of("The certificate names TIN C99999999990, not " + tin.orElse("?"));
        var service = new EinvoiceSettingsService(TestDatabase.get().jdbi(), TestServer.SECRET_BOX, otherTin, Clock.systemUTC());
        var fields = EinvoiceSettingsFields.forUpdate(new ObjectMapper().valueToTree(ownClient()));

        assertThatThrownBy(() -> service.update(id, fields)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.body().details()).hasToString("{signingKeystore=[The certificate names TIN C99999999990, not C25845632020]}"));
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings")).isZero();
    }

    @Test
    void the_app_refuses_a_keystore_of_another_tin_or_with_a_wrong_password() {
        String id = organization();
        var otherTin = ownClient();
        otherTin.put("signingKeystore", Base64.getEncoder().encodeToString(keystoreFor("C99999999990")));
        var wrongPassword = ownClient();
        wrongPassword.put("signingKeystorePassword", "not-the-password-0000");

        Response other = api.put(path(id), otherTin);
        Response wrong = api.put(path(id), wrongPassword);

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().at("/details/signingKeystore/0").asText()).contains("C99999999990", "C25845632020", "DS311");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().at("/details/signingKeystore/0").asText()).contains("cannot sign").doesNotContain("not-the-password");
        assertThat(TestDatabase.count("SELECT count(*) FROM einvoice_settings")).isZero();
        assertThat(api.put(path(id), ownClient()).status()).isEqualTo(200);
    }

    @Test
    void secrets_never_reach_the_log() {
        String id = organization();
        try (LogCapture everything = LogCapture.everything()) {
            api.put(path(id), ownClient());
            api.deliberatelyBad().put(path(id), Map.of("clientSecret", 7, "signingKeystorePassword", PASSWORD, "tinn", CLIENT_SECRET));
            api.get(path(id));

            for (Level level : List.of(Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
                for (String line : everything.lines(level)) {
                    assertThat(line).doesNotContain(CLIENT_SECRET, PASSWORD);
                }
            }
            assertThat(everything.lines(Level.INFO)).as("the access log was captured")
                    .anyMatch(line -> line.contains("einvoice-settings"));
        }
    }
}
