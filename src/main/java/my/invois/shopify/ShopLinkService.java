package my.invois.shopify;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import my.invois.db.SqlErrors;
import my.invois.http.ApiException;
import my.invois.organizations.OrganizationService;
import org.jdbi.v3.core.Jdbi;

/** E3 shop link: one shop per organization, one organization per shop; the unique domain decides. */
public final class ShopLinkService {

    private final Jdbi jdbi;
    private final ShopLinkRepository shops = new ShopLinkRepository();
    private final Clock clock;

    public ShopLinkService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The organization's shop, if linked; empty too when the organization does not exist. */
    public Optional<ShopLink> shop(String organizationId) {
        return jdbi.withHandle(handle -> shops.find(handle, organizationId));
    }

    ShopLink get(String organizationId) {
        return jdbi.withHandle(handle -> {
            if (!shops.organizationExists(handle, organizationId)) {
                throw OrganizationService.notFound();
            }
            return shops.find(handle, organizationId).orElseThrow(ShopLinkService::notLinked);
        });
    }

    /** Linking the shop it already has changes nothing, unless the app was uninstalled: linking again is the reinstall. */
    ShopLink link(String organizationId, String shopDomain) {
        try {
            return jdbi.inTransaction(handle -> {
                if (!shops.lockOrganization(handle, organizationId)) {
                    throw OrganizationService.notFound();
                }
                Optional<ShopLink> current = shops.find(handle, organizationId);
                if (current.isPresent() && current.get().shopDomain().equals(shopDomain) && !shops.isUninstalled(handle, shopDomain)) {
                    return current.get();
                }
                Instant now = now();
                var link = new ShopLink(organizationId, shopDomain, current.map(ShopLink::createdAt).orElse(now), now);
                shops.save(handle, link);
                return link;
            });
        } catch (RuntimeException e) {
            if (SqlErrors.uniqueViolation(e).filter(ShopLinkRepository.DOMAIN_CONSTRAINT::equals).isPresent()) {
                throw ApiException.conflict("Shop already linked", "shopDomain", "This shop is linked to another organization");
            }
            throw e;
        }
    }

    void unlink(String organizationId) {
        jdbi.useTransaction(handle -> {
            if (!shops.lockOrganization(handle, organizationId)) {
                throw OrganizationService.notFound();
            }
            if (!shops.delete(handle, organizationId)) {
                throw notLinked();
            }
        });
    }

    private static ApiException notLinked() {
        return ApiException.notFound("Shop link not found");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
