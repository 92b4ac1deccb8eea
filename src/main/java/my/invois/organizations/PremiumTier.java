package my.invois.organizations;

import java.util.List;

/** A row of the premium tier catalogue (SPEC B5). */
public record PremiumTier(String id, String name, List<String> features, int maxUsers, long maxStorage, long apiCallsPerMonth) {
}
