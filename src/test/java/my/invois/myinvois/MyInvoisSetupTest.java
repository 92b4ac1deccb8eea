package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import my.invois.config.MyInvoisSettings;
import my.invois.secrets.SecretBox;
import my.invois.testing.LogCapture;
import my.invois.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class MyInvoisSetupTest {

    private static final MyInvoisSettings BUILT_IN = new MyInvoisSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));

    @Test
    void without_a_url_the_built_in_simulator_serves_a_generated_development_client_and_says_so_once() {
        TestDatabase.clear();
        try (LogCapture log = LogCapture.of(MyInvoisSetup.class);
                MyInvoisSetup setup = MyInvoisSetup.start(BUILT_IN, TestDatabase.get(), new SecretBox(new byte[32]), Clock.systemUTC())) {
            LhdnResult<Boolean> valid = setup.myInvois().validateTin(setup.intermediary("C29702635060"), "C25845632020", "BRN", "201901234567");
            assertThat(valid).isEqualTo(new LhdnResult.Accepted<>(true, valid.correlationId()));
            assertThat(setup.portalUrl()).startsWith("http://127.0.0.1:");
            assertThat(log.lines(Level.INFO)).singleElement().asString()
                    .startsWith("No INVOIS_MYINVOIS_URL set: e-invoices go to the built-in MyInvois simulator at " + setup.portalUrl());
            assertThat(setup.intermediary("C29702635060").toString()).doesNotContain(setup.intermediary("x").clientSecret());
        }
    }

    @Test
    void closing_stops_the_simulator() {
        MyInvoisSetup setup = MyInvoisSetup.start(BUILT_IN, TestDatabase.get(), new SecretBox(new byte[32]), Clock.systemUTC());
        String portal = setup.portalUrl();
        setup.close();
        var client = new MyInvoisClient(portal, Duration.ofSeconds(1), Duration.ofSeconds(2), Clock.systemUTC());
        assertThat(client.login(setup.intermediary("C29702635060"))).isInstanceOf(LhdnResult.Transient.class);
    }
}
