package my.invois.memberships;

import java.time.Instant;

/** A stored membership: a user's role in one organization (SPEC B3). */
public record Membership(String id, String organizationId, String userId, String role, Instant createdAt, Instant updatedAt) {
}
