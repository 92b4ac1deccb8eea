package my.invois.organizations;

import java.util.List;
import java.util.Optional;

/** An organization with its tier and first members: the full form of SPEC A4. */
record OrganizationDetails(Organization organization, Optional<PremiumTier> premiumTier, List<OrganizationMember> members) {

    OrganizationDetails(OrganizationSummary summary, List<OrganizationMember> members) {
        this(summary.organization(), summary.premiumTier(), members);
    }
}
