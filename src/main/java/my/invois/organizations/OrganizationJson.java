package my.invois.organizations;

import java.util.List;
import my.invois.http.Timestamps;

/**
 * The JSON forms of SPEC A4; unset optional values are rendered as null. Public where
 * memberships renders the same shapes (a member, an organization list item).
 */
public final class OrganizationJson {

    private OrganizationJson() {
    }

    public record ListItem(String id, String name, String slug, String logo, int memberCount, Tier premiumTier,
                           String createdAt, String updatedAt) {
    }

    record Full(String id, String name, String slug, String logo, int memberCount, TierWithLimits premiumTier,
                List<Member> members, String createdAt, String updatedAt) {
    }

    public record Tier(String id, String name, List<String> features) {
    }

    record TierWithLimits(String id, String name, List<String> features, Limits limits) {
    }

    record Limits(int maxUsers, long maxStorage, long apiCallsPerMonth) {
    }

    public record Member(String id, String userId, String role, MemberUser user, String createdAt) {
    }

    public record MemberUser(String id, String name, String email) {
    }

    public static ListItem listItem(OrganizationSummary summary) {
        Organization organization = summary.organization();
        return new ListItem(organization.id(), organization.name(), organization.slug(), organization.logo().orElse(null),
                organization.memberCount(),
                summary.premiumTier().map(tier -> new Tier(tier.id(), tier.name(), tier.features())).orElse(null),
                Timestamps.format(organization.createdAt()), Timestamps.format(organization.updatedAt()));
    }

    static Full full(OrganizationDetails details) {
        Organization organization = details.organization();
        return new Full(organization.id(), organization.name(), organization.slug(), organization.logo().orElse(null),
                organization.memberCount(),
                details.premiumTier().map(OrganizationJson::tier).orElse(null),
                details.members().stream().map(OrganizationJson::member).toList(),
                Timestamps.format(organization.createdAt()), Timestamps.format(organization.updatedAt()));
    }

    static TierWithLimits tier(PremiumTier tier) {
        return new TierWithLimits(tier.id(), tier.name(), tier.features(),
                new Limits(tier.maxUsers(), tier.maxStorage(), tier.apiCallsPerMonth()));
    }

    public static Member member(OrganizationMember member) {
        return new Member(member.id(), member.userId(), member.role(),
                new MemberUser(member.userId(), member.userName(), member.userEmail()),
                Timestamps.format(member.createdAt()));
    }
}
