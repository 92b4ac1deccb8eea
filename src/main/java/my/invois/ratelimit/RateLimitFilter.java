package my.invois.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import my.invois.auth.ApiKeyFilter;
import my.invois.auth.Client;
import my.invois.config.TierLimits;
import my.invois.http.ApiException;
import my.invois.http.Timestamps;

/**
 * SPEC A2: counts every authenticated request and reports the limit headers on every response.
 * Refusals are counted in invois_rate_limit_refusals_total by key label (never the key).
 */
public final class RateLimitFilter implements Handler {

    static final String REFUSALS = "invois.rate_limit.refusals";

    private final RateLimiter limiter;
    private final TierLimits tierLimits;
    private final Clock clock;
    private final MeterRegistry meters;

    public RateLimitFilter(RateLimiter limiter, TierLimits tierLimits, Clock clock, MeterRegistry meters) {
        this.limiter = limiter;
        this.tierLimits = tierLimits;
        this.clock = clock;
        this.meters = meters;
    }

    record Details(
            @JsonProperty("retry_after") long retryAfter,
            long limit,
            long remaining,
            @JsonProperty("reset_time") String resetTime,
            long window) {
    }

    @Override
    public void handle(Context ctx) {
        Client client = ApiKeyFilter.client(ctx);
        if (client == null) {
            return;
        }
        Decision decision = limiter.acquire(client.label(), tierLimits.of(client.tier()), clock.instant());
        String reset = Timestamps.format(decision.reset());
        ctx.header("X-RateLimit-Limit", String.valueOf(decision.limit()));
        ctx.header("X-RateLimit-Remaining", String.valueOf(decision.remaining()));
        ctx.header("X-RateLimit-Reset", reset);
        ctx.header("X-RateLimit-Window", String.valueOf(decision.window().seconds()));
        if (!decision.admitted()) {
            meters.counter(REFUSALS, "key_label", client.label(), "window", String.valueOf(decision.window().seconds())).increment();
            ctx.header("Retry-After", String.valueOf(decision.retryAfterSeconds()));
            throw new ApiException(429, "Rate Limit Exceeded", "Too many requests. Please try again later.", Optional.of(
                    new Details(decision.retryAfterSeconds(), decision.limit(), 0, reset, decision.window().seconds())));
        }
    }
}
