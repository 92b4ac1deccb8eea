package my.invois.organizations;

import java.util.Optional;

/** An organization with its premium tier: what its list item shows (SPEC A4). */
public record OrganizationSummary(Organization organization, Optional<PremiumTier> premiumTier) {
}
