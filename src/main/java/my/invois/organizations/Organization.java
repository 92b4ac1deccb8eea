package my.invois.organizations;

import java.time.Instant;
import java.util.Optional;

/** A stored organization; memberCount is kept by the database (trigger on memberships). */
public record Organization(
        String id,
        String name,
        String slug,
        Optional<String> logo,
        Optional<String> premiumTierId,
        int memberCount,
        Instant createdAt,
        Instant updatedAt) {
}
