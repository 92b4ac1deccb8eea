package my.invois.myinvois;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.secrets.SecretBox;
import org.jdbi.v3.core.Jdbi;

/**
 * E5: LHDN's Validate TIN for a buyer, asked as the merchant (its account, the client ID's
 * shared budget and token, E6) and cached in lhdn_tin_checks, as LHDN asks (anchors §1.3: 60 a
 * minute for every merchant of the client ID, "excessive calls" are treated as malicious). Whether
 * a TIN and a registration belong together is a fact of LHDN's register, the same whoever asks, so
 * one answer serves every merchant and client ID of that LHDN; it is keyed by LHDN's base URL,
 * since the simulator, the sandbox and production each keep a register of their own.
 */
public final class TinChecks {

    /** LHDN: validate "when the buyer is defined, not before every submission"; a registration seldom changes. */
    static final Duration VALID_FOR = Duration.ofDays(30);
    /**
     * A form sent again and again costs LHDN one call an hour, yet a buyer who has just had the
     * registration corrected at LHDN is not refused for the rest of the day.
     */
    static final Duration NOT_FOUND_FOR = Duration.ofHours(1);
    /** LHDN unreachable or its answer unreadable: when asking again may help (the engine's back-off starts at 3 s). */
    static final Duration AFTER_A_FAILURE = Duration.ofSeconds(5);
    private static final String FINGERPRINT_CONTEXT = "lhdn_tin_checks";

    /** What LHDN says of a buyer, or why it could not say. */
    public sealed interface Answer {
    }

    /** LHDN's 200: the TIN and the registration belong to one taxpayer. */
    public record Valid() implements Answer {
    }

    /** LHDN's 404: no taxpayer has this TIN with this registration. */
    public record NotFound() implements Answer {
    }

    /** Not asked, or no answer: the budget is spent, LHDN answered 429 or 5xx, or could not be reached. Ask again at {@code retryAt}. */
    public record Unavailable(Instant retryAt, String reason) implements Answer {
    }

    /** LHDN refused the call itself (the login, or a permission the merchant did not grant): asking again will not help. */
    public record Refused(int status, LhdnError error) implements Answer {
    }

    /** Nobody can call LHDN for this organization: it has no TIN, or its own client is incomplete. */
    public record NoAccount() implements Answer {
    }

    private final Jdbi jdbi;
    private final MyInvois lhdn;
    private final Accounts accounts;
    private final SecretBox secrets;
    private final Clock clock;
    private final TinCheckRepository checks = new TinCheckRepository();

    public TinChecks(Jdbi jdbi, LhdnAccess access, EinvoiceSettingsService settings, SecretBox secrets, Clock clock) {
        this.jdbi = jdbi;
        this.lhdn = access.myInvois();
        this.accounts = new Accounts(settings, access.intermediary());
        this.secrets = secrets;
        this.clock = clock;
    }

    /** The cached answer while it is fresh, else LHDN's, asked for {@code organizationId}; tin and registration as normalised. */
    public Answer check(String organizationId, String tin, String idType, String idValue) {
        String buyer = secrets.fingerprint(tin + "|" + idType + "|" + idValue, FINGERPRINT_CONTEXT);
        Instant now = clock.instant();
        Optional<Boolean> cached = jdbi.withHandle(handle -> checks.find(handle, lhdn.baseUrl(), buyer, now.minus(VALID_FOR),
                now.minus(NOT_FOUND_FOR)));
        if (cached.isPresent()) {
            return answer(cached.get());
        }
        Optional<LhdnAccount> account = accounts.of(organizationId);
        if (account.isEmpty()) {
            return new NoAccount();
        }
        LhdnResult<Boolean> result = lhdn.validateTin(account.get(), tin, idType, idValue);
        if (result instanceof LhdnResult.Accepted<Boolean> accepted) {
            jdbi.useHandle(handle -> checks.save(handle, lhdn.baseUrl(), buyer, accepted.value(), now, now.minus(VALID_FOR)));
            return answer(accepted.value());
        }
        if (result instanceof LhdnResult.Rejected<Boolean> rejected) {
            return new Refused(rejected.status(), rejected.error());
        }
        if (result instanceof LhdnResult.Throttled<Boolean> throttled) {
            return new Unavailable(throttled.until(), "LHDN takes no more calls until " + throttled.until());
        }
        return new Unavailable(now.plus(AFTER_A_FAILURE), failure(result));
    }

    private static Answer answer(boolean valid) {
        return valid ? new Valid() : new NotFound();
    }

    private static String failure(LhdnResult<Boolean> result) {
        if (result instanceof LhdnResult.Transient<Boolean> failed) {
            return failed.reason();
        }
        return result instanceof LhdnResult.Unknown<Boolean> unknown ? unknown.reason() : "an unexpected answer from LHDN";
    }
}
