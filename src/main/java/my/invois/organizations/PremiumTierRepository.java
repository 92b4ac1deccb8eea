package my.invois.organizations;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** The premium tier catalogue, a handful of rows seeded by the migrations (SPEC B5). */
final class PremiumTierRepository {

    List<PremiumTier> all(Handle handle) {
        return handle.createQuery("SELECT id, name, features, max_users, max_storage, api_calls_per_month "
                        + "FROM premium_tiers ORDER BY position")
                .mapTo(PremiumTier.class)
                .list();
    }
}
