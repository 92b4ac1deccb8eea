package my.invois.einvoices;

import java.time.Clock;
import java.time.Instant;
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
    private final Clock clock;

    private final ValidationLinks links;

    public EInvoiceService(Jdbi jdbi, Ids ids, ValidationLinks links, Clock clock) {
        this.jdbi = jdbi;
        this.einvoices = new EInvoiceRepository(ids);
        this.links = links;
        this.clock = clock;
    }

    ValidationLinks links() {
        return links;
    }

    /** E8: a Valid document's cancellation, queued for the cancel job (202); asking again answers the same. */
    EInvoice cancel(String organizationId, String id, String reason) {
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            requireOrganization(handle, organizationId);
            EInvoice einvoice = einvoices.findForUpdate(handle, organizationId, id).orElseThrow(EInvoiceService::notFound);
            if (!einvoice.status().equals(EInvoice.VALID)) {
                throw ApiException.conflict("The e-invoice is " + einvoice.status() + " and cannot be cancelled at LHDN", "status",
                        "Only a valid e-invoice is cancelled at LHDN");
            }
            if (!einvoice.cancellableAtLhdn(now)) {
                throw ApiException.conflict("LHDN's 72 hours since validation are over: issue a credit or refund note instead",
                        "validatedAt", "Validated at " + einvoice.validatedAt().orElseThrow());
            }
            einvoices.askCancel(handle, id, reason, now);
            return einvoice;
        });
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
