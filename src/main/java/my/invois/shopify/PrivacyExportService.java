package my.invois.shopify;

import my.invois.http.Page;
import my.invois.http.PageRequest;
import my.invois.organizations.OrganizationService;
import org.jdbi.v3.core.Jdbi;

/** E9: the organization's data-request exports, oldest first. */
public final class PrivacyExportService {

    private final Jdbi jdbi;
    private final PrivacyExports exports = new PrivacyExports();
    private final ShopLinkRepository shops = new ShopLinkRepository();

    public PrivacyExportService(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Page<PrivacyExports.Export> list(String organizationId, PageRequest page) {
        return jdbi.inTransaction(handle -> {
            if (!shops.organizationExists(handle, organizationId)) {
                throw OrganizationService.notFound();
            }
            return Page.of(exports.page(handle, organizationId, page.offset(), page.perPage()), exports.count(handle, organizationId), page);
        });
    }
}
