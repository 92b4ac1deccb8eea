package my.invois.config;

import java.util.EnumMap;
import java.util.Map;

/** The nine numbers of SPEC A2, each overridable. */
public record TierLimits(Map<Tier, Limits> byTier) {

    public static final Map<Tier, Limits> DOCUMENTED = Map.of(
            Tier.DEFAULT, new Limits(1_000, 10_000, 100_000),
            Tier.PREMIUM, new Limits(5_000, 50_000, 500_000),
            Tier.ENTERPRISE, new Limits(10_000, 100_000, 1_000_000));

    public TierLimits {
        byTier = Map.copyOf(new EnumMap<>(byTier));
    }

    public static TierLimits documented() {
        return new TierLimits(DOCUMENTED);
    }

    public Limits of(Tier tier) {
        return byTier.get(tier);
    }

    @Override
    public String toString() {
        var text = new StringBuilder();
        for (Tier tier : Tier.values()) {
            Limits limits = of(tier);
            text.append(text.isEmpty() ? "" : ", ").append(tier.label()).append('=')
                    .append(limits.perMinute()).append('/').append(limits.perHour()).append('/').append(limits.perDay());
        }
        return text.toString();
    }
}
