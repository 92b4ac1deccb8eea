package my.invois.myinvois;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import my.invois.secrets.SecretBox;
import my.invois.secrets.SecretBoxException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * E6: one token per (client ID, onbehalfof), sealed in PostgreSQL and shared by every instance,
 * reused until shortly before it expires. An instance that needs a new one takes the key's
 * advisory lock, looks again (another instance may have just logged in) and only then logs in,
 * so instances never log in twice for one key. The login runs inside that transaction: one pool
 * connection is held for at most the request timeout.
 */
final class Tokens {

    /** A token is replaced this long before it expires, so that no call carries one that expires in flight. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final TokenRepository tokens;
    private final SecretBox secrets;
    private final MyInvoisClient client;
    private final LhdnBudget budget;
    private final Clock clock;

    Tokens(Jdbi jdbi, TokenRepository tokens, SecretBox secrets, MyInvoisClient client, LhdnBudget budget, Clock clock) {
        this.jdbi = jdbi;
        this.tokens = tokens;
        this.secrets = secrets;
        this.client = client;
        this.budget = budget;
        this.clock = clock;
    }

    /** A token fit for use; {@code refused} is one LHDN just answered 401 to, which is never handed out again. */
    LhdnResult<AccessToken> token(LhdnAccount account, Optional<AccessToken> refused) {
        Optional<AccessToken> current = jdbi.withHandle(handle -> usable(handle, account, refused));
        if (current.isPresent()) {
            return new LhdnResult.Accepted<>(current.get(), Optional.empty());
        }
        // Asked before the lock: a slot spent while another instance logged in is a slot unused, never one too many.
        Grant grant = budget.tryAcquire(account.clientId(), LhdnApi.LOGIN, clock.instant());
        if (!grant.granted()) {
            return new LhdnResult.Throttled<>(grant.nextSlot().orElseThrow(), Optional.empty());
        }
        LhdnResult<AccessToken> result = jdbi.inTransaction(handle -> {
            tokens.lock(handle, account.clientId(), account.taxpayer());
            Optional<AccessToken> meanwhile = usable(handle, account, refused);
            return meanwhile.<LhdnResult<AccessToken>>map(token -> new LhdnResult.Accepted<>(token, Optional.empty()))
                    .orElseGet(() -> login(handle, account));
        });
        if (result instanceof LhdnResult.Throttled<AccessToken> throttled) {
            budget.throttle(account.clientId(), LhdnApi.LOGIN, throttled.until());
        }
        return result;
    }

    private LhdnResult<AccessToken> login(Handle handle, LhdnAccount account) {
        Instant asked = clock.instant();
        LhdnResult<LoginAnswer> login = client.login(account);
        if (!(login instanceof LhdnResult.Accepted<LoginAnswer> answer)) {
            return login.failure();
        }
        AccessToken token = answer.value().token();
        tokens.save(handle, account.clientId(), account.taxpayer(), secrets.seal(token.value(), context(account)),
                asked.plus(answer.value().lifetime()), asked);
        return new LhdnResult.Accepted<>(token, answer.correlationId());
    }

    private Optional<AccessToken> usable(Handle handle, LhdnAccount account, Optional<AccessToken> refused) {
        Instant now = clock.instant();
        return tokens.find(handle, account.clientId(), account.taxpayer())
                .filter(stored -> now.isBefore(stored.expiresAt().minus(margin(stored))))
                .flatMap(stored -> open(stored, account))
                .filter(token -> refused.filter(token::equals).isEmpty());
    }

    /** Five minutes, or half the lifetime of a token that lives less than ten. */
    private static Duration margin(TokenRepository.StoredToken stored) {
        Duration half = Duration.between(stored.obtainedAt(), stored.expiresAt()).dividedBy(2);
        return half.compareTo(REFRESH_BEFORE) < 0 ? half : REFRESH_BEFORE;
    }

    /** A token sealed under another INVOIS_SECRET_KEY is no token: log in again. */
    private Optional<AccessToken> open(TokenRepository.StoredToken stored, LhdnAccount account) {
        try {
            return Optional.of(new AccessToken(secrets.openText(stored.token(), context(account))));
        } catch (SecretBoxException e) {
            return Optional.empty();
        }
    }

    private static String context(LhdnAccount account) {
        return "lhdn_tokens/" + account.clientId() + "/" + account.taxpayer();
    }
}
