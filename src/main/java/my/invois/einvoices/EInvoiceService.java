package my.invois.einvoices;

import java.util.Optional;
import my.invois.db.Ids;
import my.invois.einvoices.pdf.BuyerCopy;
import my.invois.einvoices.pdf.LhdnIdentity;
import my.invois.http.ApiException;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import my.invois.organizations.OrganizationService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** E8: an organization's e-invoices, read only; they are made by the orders (E5) and, later, the engine (E6, E7). */
public final class EInvoiceService {

    private final Jdbi jdbi;
    private final EInvoiceRepository einvoices;

    private final ValidationLinks links;

    public EInvoiceService(Jdbi jdbi, Ids ids, ValidationLinks links) {
        this.jdbi = jdbi;
        this.einvoices = new EInvoiceRepository(ids);
        this.links = links;
    }

    ValidationLinks links() {
        return links;
    }

    Page<EInvoice> list(EInvoiceFilter filter, PageRequest page) {
        return jdbi.inTransaction(handle -> {
            requireOrganization(handle, filter.organizationId());
            return Page.of(einvoices.page(handle, filter, page.offset(), page.perPage()), einvoices.count(handle, filter), page);
        });
    }

    EInvoice get(String organizationId, String id) {
        return jdbi.withHandle(handle -> {
            requireOrganization(handle, organizationId);
            return einvoices.find(handle, organizationId, id).orElseThrow(EInvoiceService::notFound);
        });
    }

    /** The exact bytes stored; 404 while the document is not built yet (a note whose original has no UUID). */
    byte[] document(String organizationId, String id) {
        return jdbi.withHandle(handle -> {
            requireOrganization(handle, organizationId);
            einvoices.find(handle, organizationId, id).orElseThrow(EInvoiceService::notFound);
            return einvoices.document(handle, organizationId, id)
                    .orElseThrow(() -> ApiException.notFound("The e-invoice has no document yet"));
        });
    }

    /**
     * E8: the buyer's copy, read from the stored document itself; with LHDN's identity and the
     * validation link as a QR code once LHDN has validated it, else marked as not yet valid.
     */
    byte[] pdf(String organizationId, String id) {
        return jdbi.withHandle(handle -> {
            requireOrganization(handle, organizationId);
            EInvoice einvoice = einvoices.find(handle, organizationId, id).orElseThrow(EInvoiceService::notFound);
            byte[] document = einvoices.document(handle, organizationId, id)
                    .orElseThrow(() -> ApiException.notFound("The e-invoice has no document yet"));
            return BuyerCopy.render(document, identity(einvoice));
        });
    }

    private Optional<LhdnIdentity> identity(EInvoice einvoice) {
        if (einvoice.validatedAt().isEmpty()) {
            return Optional.empty();
        }
        return links.of(einvoice).map(link -> new LhdnIdentity(einvoice.uuid().orElseThrow(), einvoice.longId().orElseThrow(),
                link, einvoice.validatedAt().get()));
    }

    private void requireOrganization(Handle handle, String organizationId) {
        if (!einvoices.organizationExists(handle, organizationId)) {
            throw OrganizationService.notFound();
        }
    }

    public static ApiException notFound() {
        return ApiException.notFound("E-invoice not found");
    }
}
