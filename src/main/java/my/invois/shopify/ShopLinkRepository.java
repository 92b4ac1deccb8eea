package my.invois.shopify;

import java.time.Instant;
import java.util.Optional;
import my.invois.db.Columns;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The shops table. Every method runs on the caller's handle. */
public final class ShopLinkRepository {

    static final String DOMAIN_CONSTRAINT = "shops_shop_domain_key";
    private static final RowMapper<ShopLink> LINK = (row, context) -> new ShopLink(
            row.getString("organization_id"),
            row.getString("shop_domain"),
            Columns.instant(row, "created_at"),
            Columns.instant(row, "updated_at"));

    /** Locks the organization against deletion first, in the order its deletion takes the rows (organization, then shop). */
    boolean lockOrganization(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", organizationId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    boolean organizationExists(Handle handle, String organizationId) {
        return handle.createQuery("SELECT 1 FROM organizations WHERE id = :id")
                .bind("id", organizationId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    Optional<ShopLink> find(Handle handle, String organizationId) {
        return handle.createQuery("SELECT organization_id, shop_domain, created_at, updated_at FROM shops WHERE organization_id = :id")
                .bind("id", organizationId)
                .map(LINK)
                .findOne();
    }

    /** For the webhooks: the organization a shop is linked to. */
    public Optional<ShopLink> findByDomain(Handle handle, String shopDomain) {
        return handle.createQuery("SELECT organization_id, shop_domain, created_at, updated_at FROM shops WHERE shop_domain = :domain")
                .bind("domain", shopDomain)
                .map(LINK)
                .findOne();
    }

    /** Links or relinks; a domain linked to another organization is a unique violation of DOMAIN_CONSTRAINT. */
    void save(Handle handle, ShopLink link) {
        handle.createUpdate("INSERT INTO shops (organization_id, shop_domain, created_at, updated_at) "
                        + "VALUES (:organizationId, :shopDomain, :createdAt, :updatedAt) "
                        + "ON CONFLICT (organization_id) DO UPDATE SET shop_domain = EXCLUDED.shop_domain, "
                        + "updated_at = EXCLUDED.updated_at, uninstalled_at = NULL")
                .bindMethods(link)
                .execute();
    }

    /** E3 app/uninstalled: the shop gets no new work until it is linked again. */
    void markUninstalled(Handle handle, String shopDomain, Instant at) {
        handle.createUpdate("UPDATE shops SET uninstalled_at = :at WHERE shop_domain = :domain AND uninstalled_at IS NULL")
                .bind("domain", shopDomain).bind("at", at).execute();
    }

    boolean isUninstalled(Handle handle, String shopDomain) {
        return handle.createQuery("SELECT 1 FROM shops WHERE shop_domain = :domain AND uninstalled_at IS NOT NULL")
                .bind("domain", shopDomain).mapTo(Integer.class).findOne().isPresent();
    }

    boolean delete(Handle handle, String organizationId) {
        return handle.createUpdate("DELETE FROM shops WHERE organization_id = :id").bind("id", organizationId).execute() == 1;
    }
}
