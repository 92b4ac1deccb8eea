package my.invois.myinvois;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import my.invois.secrets.SecretBox;
import org.jdbi.v3.core.Jdbi;

/**
 * What the engine calls: each LHDN API for one taxpayer's account, with the shared budget asked
 * before every call (a spent budget answers Throttled without calling) and the shared token
 * (E6). A 401 refreshes the token once and repeats the call once. A 429 closes the API for
 * every instance until its Retry-After.
 */
public final class MyInvois {

    private final MyInvoisClient client;
    private final LhdnBudget budget;
    private final Tokens tokens;
    private final Clock clock;

    MyInvois(MyInvoisClient client, LhdnBudget budget, Tokens tokens, Clock clock) {
        this.client = client;
        this.budget = budget;
        this.tokens = tokens;
        this.clock = clock;
    }

    public static MyInvois create(String baseUrl, Duration connectTimeout, Duration requestTimeout, Jdbi jdbi,
            SecretBox secrets, Clock clock) {
        var client = new MyInvoisClient(baseUrl, connectTimeout, requestTimeout, clock);
        var budget = new LhdnBudget(jdbi);
        return new MyInvois(client, budget, new Tokens(jdbi, new TokenRepository(), secrets, client, budget, clock), clock);
    }

    public LhdnResult<SubmissionAnswer> submit(LhdnAccount account, List<SubmittedDocument> documents) {
        return call(account, LhdnApi.SUBMIT, token -> client.submit(token, account.tin(), documents));
    }

    public LhdnResult<Submission> submission(LhdnAccount account, String submissionUid, int pageNo, int pageSize) {
        return call(account, LhdnApi.GET_SUBMISSION, token -> client.submission(token, account.tin(), submissionUid, pageNo, pageSize));
    }

    public LhdnResult<DocumentDetails> details(LhdnAccount account, String uuid) {
        return call(account, LhdnApi.DETAILS, token -> client.details(token, account.tin(), uuid));
    }

    public LhdnResult<CancelAnswer> cancel(LhdnAccount account, String uuid, String reason) {
        return call(account, LhdnApi.CANCEL, token -> client.cancel(token, account.tin(), uuid, reason));
    }

    public LhdnResult<SearchPage> search(LhdnAccount account, String internalId, Instant from, Instant to, int pageNo) {
        return call(account, LhdnApi.SEARCH, token -> client.search(token, account.tin(), internalId, from, to, pageNo));
    }

    public LhdnResult<Boolean> validateTin(LhdnAccount account, String tin, String idType, String idValue) {
        return call(account, LhdnApi.VALIDATE_TIN, token -> client.validateTin(token, account.tin(), tin, idType, idValue));
    }

    /** Which LHDN this is (the simulator, the sandbox or production each have their own register of taxpayers). */
    String baseUrl() {
        return client.baseUrl();
    }

    /** When the shared budget would refuse a call of {@code api} for this account now: until when. Nothing is spent. */
    Optional<Instant> closedUntil(LhdnAccount account, LhdnApi api) {
        return budget.closedUntil(account.clientId(), api, clock.instant());
    }

    private <T> LhdnResult<T> call(LhdnAccount account, LhdnApi api, Function<AccessToken, LhdnResult<T>> call) {
        LhdnResult<AccessToken> token = tokens.token(account, Optional.empty());
        if (!(token instanceof LhdnResult.Accepted<AccessToken> current)) {
            return token.failure();
        }
        LhdnResult<T> result = spend(account, api, () -> call.apply(current.value()));
        if (!(result instanceof LhdnResult.Rejected<T> rejected && rejected.status() == 401)) {
            return result;
        }
        // Revoked, or expired early: one fresh login and one more try; a second 401 is the answer.
        LhdnResult<AccessToken> fresh = tokens.token(account, Optional.of(current.value()));
        if (!(fresh instanceof LhdnResult.Accepted<AccessToken> renewed)) {
            return fresh.failure();
        }
        return spend(account, api, () -> call.apply(renewed.value()));
    }

    private <T> LhdnResult<T> spend(LhdnAccount account, LhdnApi api, Supplier<LhdnResult<T>> call) {
        Grant grant = budget.tryAcquire(account.clientId(), api, clock.instant());
        if (!grant.granted()) {
            return new LhdnResult.Throttled<>(grant.nextSlot().orElseThrow(), Optional.empty());
        }
        LhdnResult<T> result = call.get();
        if (result instanceof LhdnResult.Throttled<T> throttled) {
            budget.throttle(account.clientId(), api, throttled.until());
        }
        return result;
    }
}
