package my.invois.config;

/**
 * One configured API key. The label names the key's quota in logs and limits, so that a
 * rotated key (old and new both live) keeps counting against the same quota.
 */
public record KeyEntry(String label, Tier tier, String secret) {

    @Override
    public String toString() {
        return label + ":" + tier.label() + "=****";
    }
}
