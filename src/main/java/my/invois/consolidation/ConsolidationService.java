package my.invois.consolidation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.db.Ids;
import my.invois.einvoices.EInvoiceParts;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.EInvoiceTotals;
import my.invois.einvoices.NewEInvoice;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoices.document.Consolidation;
import my.invois.einvoices.document.Documents;
import my.invois.einvoices.document.Money;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoices.document.Totals;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.http.ApiException;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import my.invois.orders.MonthClose;
import my.invois.orders.OrderService;
import my.invois.organizations.OrganizationService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * E7: a month of an organization consolidated in one transaction: per currency, the month's
 * waiting orders (refunds recorded before netted in) built into documents of at most 100 lines and
 * 300 KB, signed and stored queued for the submission, numbered CON202611A, CON202611B… Run again,
 * it builds only for orders no document covers yet (late ones: a supplementary document).
 */
public final class ConsolidationService {

    /** What one run did for a month: the documents it stored and the orders over RM10,000 it left waiting. */
    record Ran(String month, List<Built> documents, List<Long> held) {
    }

    record Built(String id, String number, String currency, int orders, BigDecimal payable) {
    }

    private final Jdbi jdbi;
    private final EinvoiceSettingsService settings;
    private final EInvoiceRepository einvoices;
    private final MonthClose monthClose;
    private final ConsolidationRepository consolidations = new ConsolidationRepository();
    private final DocumentSigning signing;
    private final MonthClose.OverLimit overLimit;
    private final Clock clock;

    public ConsolidationService(Jdbi jdbi, EinvoiceSettingsService settings, OrderService orders, Ids ids, DocumentSigning signing,
            MonthClose.OverLimit overLimit, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.einvoices = new EInvoiceRepository(ids);
        this.monthClose = new MonthClose(orders, einvoices);
        this.signing = signing;
        this.overLimit = overLimit;
        this.clock = clock;
    }

    /** The API's run of a closed month, early or again; 400 for the current or a future month. */
    Ran run(String organizationId, YearMonth month) {
        EinvoiceSettings merchant = settings.settings(organizationId).orElseThrow(OrganizationService::notFound);
        if (!month.isBefore(currentMonth())) {
            throw ApiException.invalidField("month", "Only a closed month can be consolidated: " + month + " is not over yet in Malaysia");
        }
        if (!merchant.complete()) {
            throw ApiException.conflict("The e-invoice settings are incomplete: missing " + String.join(", ", merchant.missing()),
                    "month", "Nothing can be consolidated until the e-invoice settings are complete");
        }
        return jdbi.inTransaction(handle -> consolidate(handle, organizationId, merchant, month, now()));
    }

    /** The job's run: every organization with complete, enabled settings, every closed month with orders still waiting. */
    public List<Ran> runAll() {
        var ran = new ArrayList<Ran>();
        YearMonth current = currentMonth();
        for (String organizationId : jdbi.withHandle(consolidations::organizationsEnabled)) {
            EinvoiceSettings merchant = settings.settings(organizationId).orElse(null);
            if (merchant == null || !merchant.complete()) {
                continue;
            }
            List<String> months = jdbi.withHandle(handle -> monthClose.monthsWaiting(handle, organizationId, current.toString()));
            for (String month : months) {
                ran.add(jdbi.inTransaction(handle -> consolidate(handle, organizationId, merchant, YearMonth.parse(month), now())));
            }
        }
        return ran;
    }

    Page<ConsolidationRepository.Month> list(String organizationId, PageRequest page) {
        return jdbi.inTransaction(handle -> {
            if (!consolidations.organizationExists(handle, organizationId)) {
                throw OrganizationService.notFound();
            }
            return Page.of(consolidations.months(handle, organizationId, page.offset(), page.perPage()),
                    consolidations.countMonths(handle, organizationId), page);
        });
    }

    private Ran consolidate(Handle handle, String organizationId, EinvoiceSettings merchant, YearMonth month, Instant now) {
        if (!consolidations.lockOrganization(handle, organizationId)) {
            throw OrganizationService.notFound();
        }
        List<Long> held = monthClose.overLimit(handle, merchant, organizationId, month.toString(), overLimit, now);
        Map<String, Consolidation.Ranges> byCurrency = monthClose.consolidating(handle, merchant, organizationId, month.toString(), now);
        Supplier supplier = Suppliers.of(merchant);
        var built = new ArrayList<Built>();
        byCurrency.forEach((currency, ranges) -> built.addAll(store(handle, organizationId, supplier, month, currency, ranges, now)));
        List<Long> twice = einvoices.coveredTwice(handle, organizationId, month.toString());
        if (!twice.isEmpty()) {
            throw new IllegalStateException("orders " + twice + " would be in two invoices of " + month);
        }
        return new Ran(month.toString(), built, held);
    }

    private List<Built> store(Handle handle, String organizationId, Supplier supplier, YearMonth month, String currency,
            Consolidation.Ranges ranges, Instant now) {
        var numbers = new ArrayList<String>();
        List<Consolidation.Part> parts = Consolidation.parts(supplier, month, ranges, now, signing.version().listVersionID(), index -> {
            while (numbers.size() <= index) {
                numbers.add(ConsolidationNumbers.of(month, einvoices.next(handle, organizationId, ConsolidationNumbers.series(month))));
            }
            return numbers.get(index);
        });
        var built = new ArrayList<Built>();
        for (int i = 0; i < parts.size(); i++) {
            built.add(store(handle, organizationId, month, currency, parts.get(i), numbers.get(i), now));
        }
        return built;
    }

    private Built store(Handle handle, String organizationId, YearMonth month, String currency, Consolidation.Part part, String number,
            Instant now) {
        ObjectNode tree = part.document();
        byte[] document = signing.sign(tree, now);
        Totals totals = Totals.of(part.lines());
        List<Long> orderIds = part.orderIds().stream().map(Long::parseLong).toList();
        Sale whole = new Sale(number, number, 0, currency, part.lines(), totals.payableAmount());
        String id = einvoices.create(handle, new NewEInvoice(organizationId, number, Documents.INVOICE, true, Optional.empty(),
                month.toString(), EInvoiceParts.buyer(Buyer.GENERAL_PUBLIC), currency, EInvoiceTotals.of(totals), EInvoiceParts.lines(whole),
                Optional.of(document), Optional.of(now), orderIds.get(0),
                "consolidated e-invoice of " + month + " for " + orderIds.size() + " orders"), orderIds, now);
        einvoices.queue(handle, id, now, "signed: waits for its submission to LHDN");
        monthClose.consolidated(handle, organizationId, orderIds, number, now);
        return new Built(id, number, currency, orderIds.size(), Money.round(totals.payableAmount()));
    }

    private YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(OrderService.MALAYSIA));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
