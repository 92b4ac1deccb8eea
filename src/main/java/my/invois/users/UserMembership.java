package my.invois.users;

import java.time.Instant;

/** One of a user's memberships, as the full user shows it. */
public record UserMembership(String id, String organizationId, String role, Instant createdAt) {
}
