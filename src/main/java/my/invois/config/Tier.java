package my.invois.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Rate-limit tiers of SPEC A2. */
public enum Tier {
    DEFAULT, PREMIUM, ENTERPRISE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Tier> parse(String text) {
        return Arrays.stream(values()).filter(tier -> tier.label().equals(text)).findFirst();
    }
}
