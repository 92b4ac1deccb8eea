package my.invois.myinvois;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import my.invois.config.MyInvoisSettings;
import my.invois.db.Database;
import my.invois.secrets.SecretBox;
import my.invois.simulator.Simulator;
import my.invois.simulator.SimulatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E1, E10: LHDN as configured, or (INVOIS_MYINVOIS_URL unset) the built-in simulator on a
 * loopback port of its own, in schema myinvois_sim of the product's database, in development
 * mode with the configured or a generated client ID and secret. Closing stops the simulator.
 */
public final class MyInvoisSetup implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MyInvoisSetup.class);

    private final MyInvois myInvois;
    private final String portalUrl;
    private final String clientId;
    private final String clientSecret;
    private final Optional<Simulator> simulator;

    private MyInvoisSetup(MyInvois myInvois, String portalUrl, String clientId, String clientSecret, Optional<Simulator> simulator) {
        this.myInvois = myInvois;
        this.portalUrl = portalUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.simulator = simulator;
    }

    public static MyInvoisSetup start(MyInvoisSettings settings, Database database, SecretBox secrets, Clock clock) {
        String clientId = settings.clientId().orElseGet(() -> "invois-development-" + HexFormat.of().formatHex(random(4)));
        String clientSecret = settings.clientSecret().orElseGet(() -> Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)));
        Optional<Simulator> simulator = settings.url().isPresent() ? Optional.empty() : Optional.of(Simulator.start(
                SimulatorSettings.defaults().withDevelopmentSecret(clientSecret), database.pool(), clock));
        String baseUrl = settings.url().orElseGet(() -> simulator.orElseThrow().baseUrl());
        String portalUrl = settings.portalUrl().orElse(baseUrl);
        simulator.ifPresent(running -> log.info("No INVOIS_MYINVOIS_URL set: e-invoices go to the built-in MyInvois simulator at {}"
                + " (development client {}); nothing reaches LHDN", running.baseUrl(), clientId));
        MyInvois myInvois = MyInvois.create(baseUrl, settings.connectTimeout(), settings.requestTimeout(), database.jdbi(), secrets, clock);
        return new MyInvoisSetup(myInvois, portalUrl, clientId, clientSecret, simulator);
    }

    public MyInvois myInvois() {
        return myInvois;
    }

    public LhdnAccess access() {
        return new LhdnAccess(myInvois, this::intermediary);
    }

    /** The intermediary client acting for a merchant: {@code onBehalfOf} is its TIN, or TIN:ROB. */
    public LhdnAccount intermediary(String onBehalfOf) {
        return LhdnAccount.intermediary(clientId, clientSecret, onBehalfOf);
    }

    /** Base of validation links: {portal}/{uuid}/share/{longId}. */
    public String portalUrl() {
        return portalUrl;
    }

    @Override
    public void close() {
        simulator.ifPresent(Simulator::close);
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    @Override
    public String toString() {
        return "MyInvoisSetup[portal=" + portalUrl + ", clientId=" + clientId + ", clientSecret=****]";
    }
}
