package my.invois.organizations;

import java.time.Instant;

/**
 * A membership with its user's name and email: an item of the full organization's members[]
 * (SPEC A4), which is also how the member endpoints of SPEC C1 render a membership.
 */
public record OrganizationMember(String id, String userId, String role, String userName, String userEmail, Instant createdAt) {
}
