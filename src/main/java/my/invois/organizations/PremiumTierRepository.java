package my.invois.organizations;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The premium tier catalogue, a handful of rows seeded by the migrations (SPEC B5). */
final class PremiumTierRepository {

    private static final RowMapper<PremiumTier> TIER = (row, context) -> new PremiumTier(
            row.getString("id"),
            row.getString("name"),
            List.of((String[]) row.getArray("features").getArray()),
            row.getInt("max_users"),
            row.getLong("max_storage"),
            row.getLong("api_calls_per_month"));

    List<PremiumTier> all(Handle handle) {
        return handle.createQuery("SELECT id, name, features, max_users, max_storage, api_calls_per_month "
                        + "FROM premium_tiers ORDER BY position")
                .map(TIER)
                .list();
    }
}
