package my.invois.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import my.invois.testing.ContractErrors;
import my.invois.testing.DatabaseChecks;
import my.invois.testing.Figures;
import my.invois.testing.RawHttp;
import my.invois.testing.TestDatabase;
import my.invois.testing.TestServer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * OWASP API4 and API8: hostile requests, each wrong in a way the contract refuses, are
 * answered with a 4xx in the contract's shape (never a 5xx), and leave every row of a
 * populated database as it was. A read may also answer 2xx (a search for "%" is a fine
 * search); it must still change nothing.
 */
class RejectedInputFuzzTest {

    static final int TRIES = 6_000;
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final AtomicLong sent = new AtomicLong();
    private static Fixture fixture;
    /** The checksum after the last request; a refused request must leave it as it was. */
    private static String checksum;
    private static final DatabaseChecks.Watch database = new DatabaseChecks.Watch();

    @BeforeContainer
    static void populate() {
        TestDatabase.clear();
        fixture = Fixture.populate(TestServer.shared());
        checksum = database.checksum();
    }

    @AfterContainer
    static void report() {
        Figures.record("RejectedInputFuzzTest", "hostile requests sent", sent.get());
        TestDatabase.clear();
    }

    @Provide
    Arbitrary<Probe> hostile() {
        return HostileRequests.rejected();
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF)
    void hostile_requests_are_refused_in_the_contract_shape_and_change_nothing(@ForAll("hostile") Probe probe) {
        Statistics.collect(probe.kind().replaceAll(" \\(.*", ""));
        RawHttp.Reply reply = probe.send(fixture);
        sent.incrementAndGet();

        assertThat(reply.status()).as("%s answered %s", probe, reply).isLessThan(500);
        if (!probe.isRead()) {
            assertThat(reply.status()).as("%s answered %s", probe, reply).isBetween(400, 499);
        }
        if (reply.status() >= 400 && !probe.method().equals("HEAD")) {
            ContractErrors.assertContractError(probe + " answered " + reply, reply.status(), reply.header("Content-Type").orElse(""), reply.body());
        }
        reply.header("X-Request-Id").ifPresent(id -> assertThat(id).as(probe.toString()).matches(SANE_REQUEST_ID));
        assertThat(database.checksum()).as("%s answered %d but changed the database", probe, reply.status()).isEqualTo(checksum);
    }
}
