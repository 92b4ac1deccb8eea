package my.invois.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import my.invois.db.Ids;
import my.invois.einvoices.EInvoice;
import my.invois.einvoices.EInvoiceParts;
import my.invois.einvoices.EInvoiceRepository;
import my.invois.einvoices.Suppliers;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.Supplier;
import my.invois.einvoices.signing.DocumentSigning;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.http.ApiException;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import my.invois.myinvois.TinChecks;
import my.invois.organizations.OrganizationService;
import my.invois.shopify.ShopifyOrder;
import my.invois.shopify.ShopifyOrderMapping;
import my.invois.shopify.ShopifyOrders;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** E3 orders in and E5's buyer request; every write of one request in one transaction. */
public final class OrderService {

    /** E7: an order belongs to the month of its processed_at in Malaysia. */
    public static final ZoneId MALAYSIA = ZoneId.of("Asia/Kuala_Lumpur");
    /** Pending orders classified by one list request once the settings are complete; the next request takes the rest. */
    static final int PENDING_PER_READ = 1_000;
    private static final String BY_THE_BUYER = "requested by the buyer";

    record Received(OrderView order, boolean changed) {
    }

    /** What one version did: the order when this version created it, and whether anything changed. */
    private record Stored(long shopifyOrderId, Optional<Order> created, boolean changed) {
    }

    record Requested(EInvoice einvoice, boolean created) {
    }

    /** An order that may have an individual e-invoice for the buyer, and that e-invoice if it was made before. */
    private record Admitted(Order order, Optional<EInvoice> existing) {
    }

    private final Jdbi jdbi;
    private final EinvoiceSettingsService settings;
    private final EInvoiceRepository einvoices;
    private final IndividualEInvoices individual;
    private final OrderRepository orders = new OrderRepository();
    private final OrderVersions versions;
    private final BuyerTins buyerTins;
    private final Clock clock;

    public OrderService(Jdbi jdbi, EinvoiceSettingsService settings, Ids ids, DocumentSigning signing, TinChecks tins, Clock clock) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.einvoices = new EInvoiceRepository(ids);
        this.individual = new IndividualEInvoices(einvoices, signing);
        this.versions = new OrderVersions(orders, einvoices, individual);
        this.buyerTins = new BuyerTins(tins, clock);
        this.clock = clock;
    }

    /** E3: the first version is stored and classified; the same again changes nothing; a later one adds refunds or the cancellation. */
    Received receive(String organizationId, JsonNode body) {
        return jdbi.inTransaction(handle -> {
            Stored stored = store(handle, organizationId, body);
            Order order = stored.created().orElseGet(() -> orders.find(handle, organizationId, stored.shopifyOrderId()).orElseThrow());
            return new Received(view(handle, order), stored.changed());
        });
    }

    /**
     * The same processing for the API's POST and for the webhook job's orders/paid, orders/updated
     * and orders/cancelled, on the caller's transaction: a stale or out-of-order version changes
     * nothing already decided (OrderVersions).
     */
    public boolean process(Handle handle, String organizationId, JsonNode body) {
        return store(handle, organizationId, body).changed();
    }

    private Stored store(Handle handle, String organizationId, JsonNode body) {
        ShopifyOrder shopify = parse(body);
        EinvoiceSettings merchant = settings.settings(handle, organizationId).orElseThrow(OrganizationService::notFound);
        Instant now = now();
        lockOrganization(handle, organizationId);
        String month = month(shopify);
        Order fresh = new Order(organizationId, shopify.id(), shopify.name(), shopify.orderNumber(), shopify.processedAt().toInstant(),
                month, shopify.currency(), shopify.test(), shopify.totalPrice(), "", Optional.empty(),
                shopify.cancelledAt().map(OffsetDateTime::toInstant), now, now)
                .classified(OrderClassification.classify(shopify, merchant, month), now);
        if (orders.insert(handle, fresh, body)) {
            versions.recordRefunds(handle, fresh, shopify, body, shopify.refunds(), merchant, now);
            return new Stored(shopify.id(), Optional.of(fresh), true);
        }
        Order stored = orders.findForUpdate(handle, organizationId, shopify.id()).orElseThrow();
        return new Stored(shopify.id(), Optional.empty(), versions.apply(handle, stored, shopify, body, merchant, now));
    }

    /**
     * Shopify's refunds/create (a refund, not an order): the stored order with the refund added is
     * processed as a later version, so each refund id counts once whichever way it arrives. Empty
     * when the order is not stored, else whether anything changed.
     */
    public Optional<Boolean> processRefund(Handle handle, String organizationId, JsonNode refund) {
        long orderId = refund.path("order_id").asLong();
        if (orderId <= 0 || orders.findForUpdate(handle, organizationId, orderId).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode body = (ObjectNode) orders.body(handle, organizationId, orderId);
        ArrayNode refunds = body.get("refunds") instanceof ArrayNode array ? array : body.putArray("refunds");
        boolean known = false;
        for (JsonNode stored : refunds) {
            known |= stored.path("id").asLong() == refund.path("id").asLong();
        }
        if (!known) {
            refunds.add(refund);
        }
        return Optional.of(process(handle, organizationId, body));
    }

    Page<OrderView> list(OrderFilter filter, PageRequest page) {
        EinvoiceSettings merchant = settingsOf(filter.organizationId());
        return jdbi.inTransaction(handle -> {
            if (merchant.complete()) {
                for (Order pending : orders.pendingForUpdate(handle, filter.organizationId(), PENDING_PER_READ)) {
                    classifyPending(handle, pending, merchant, now());
                }
            }
            List<Order> found = orders.page(handle, filter, page.offset(), page.perPage());
            List<Long> ids = found.stream().map(Order::shopifyOrderId).toList();
            Map<Long, List<OrderRefund>> refunds = orders.refunds(handle, filter.organizationId(), ids);
            Map<Long, List<String>> covering = orders.einvoiceIds(handle, filter.organizationId(), ids);
            List<OrderView> views = found.stream().map(o -> new OrderView(o, refunds.getOrDefault(o.shopifyOrderId(), List.of()),
                    covering.getOrDefault(o.shopifyOrderId(), List.of()))).toList();
            return Page.of(views, orders.count(handle, filter), page);
        });
    }

    OrderView get(String organizationId, long orderId) {
        EinvoiceSettings merchant = settingsOf(organizationId);
        return jdbi.inTransaction(handle -> {
            Order order = orders.findForUpdate(handle, organizationId, orderId).orElseThrow(OrderService::notFound);
            return view(handle, classifyPending(handle, order, merchant, now()));
        });
    }

    /**
     * E5: the order's individual e-invoice for this buyer, built, signed and stored as a draft; the
     * same request again answers the same e-invoice. Refunds recorded before get their notes now.
     * What needs no LHDN is checked first, so a repeated or refused request costs no Validate TIN
     * call; LHDN is asked with no transaction open (no lock waits for its answer), and the
     * transaction that stores the e-invoice checks everything again.
     */
    Requested request(String organizationId, long orderId, Buyer buyer) {
        EinvoiceSettings merchant = settingsOf(organizationId);
        Optional<EInvoice> made = jdbi.inTransaction(handle -> {
            lockOrganization(handle, organizationId);
            return admit(handle, organizationId, orderId, buyer, merchant, now(), true).existing();
        });
        if (made.isPresent()) {
            return new Requested(made.get(), false);
        }
        buyerTins.check(organizationId, buyer);
        return jdbi.inTransaction(handle -> {
            lockOrganization(handle, organizationId);
            return request(handle, organizationId, orderId, buyer, merchant, now(), BY_THE_BUYER);
        });
    }

    /** The buyer's request, and E5's fallback for an order over RM10,000 when its month is consolidated (MonthClose). */
    Requested request(Handle handle, String organizationId, long orderId, Buyer buyer, EinvoiceSettings merchant, Instant now,
            String why) {
        Admitted admitted = admit(handle, organizationId, orderId, buyer, merchant, now, why.equals(BY_THE_BUYER));
        if (admitted.existing().isPresent()) {
            return new Requested(admitted.existing().get(), false);
        }
        Order order = admitted.order();
        ShopifyOrder shopify = stored(handle, order);
        Supplier supplier = Suppliers.of(merchant);
        ShopifyOrderMapping.Mapped mapped = ShopifyOrderMapping.sale(shopify, supplier);
        Sale sale = mapped.sale().orElseThrow(() -> conflict("The order cannot be invoiced", "order", mapped.failure()));
        String id = individual.invoice(handle, order, sale, supplier, buyer, now);
        EInvoice invoice = einvoices.find(handle, organizationId, id).orElseThrow();
        for (ShopifyOrder.Refund refund : shopify.refunds()) {
            var outcome = individual.note(handle, order, invoice, shopify, refund, supplier, now);
            orders.updateRefund(handle, organizationId, refund.id(), outcome.einvoiceId(), outcome.outcome());
        }
        orders.update(handle, order.classified(new Classified(Classified.INDIVIDUAL,
                "individual e-invoice " + invoice.number() + " " + why), now));
        return new Requested(invoice, true);
    }

    /** The order, classified if pending, with its e-invoice for this buyer if made before; throws when it can have none. */
    private Admitted admit(Handle handle, String organizationId, long orderId, Buyer buyer, EinvoiceSettings merchant, Instant now,
            boolean buyerAsks) {
        Order order = classifyPending(handle, orders.findForUpdate(handle, organizationId, orderId).orElseThrow(OrderService::notFound),
                merchant, now);
        Optional<EInvoice> existing = versions.individualInvoice(handle, order);
        if (existing.isPresent() && !existing.get().buyer().equals(EInvoiceParts.buyer(buyer))) {
            throw conflict("The order already has an individual e-invoice for another buyer", "order",
                    "E-invoice " + existing.get().number() + " was issued to another buyer");
        }
        if (existing.isEmpty()) {
            refuseUninvoiceable(handle, order, merchant, buyerAsks);
        }
        return new Admitted(order, existing);
    }

    private void lockOrganization(Handle handle, String organizationId) {
        if (!orders.lockOrganization(handle, organizationId)) {
            throw OrganizationService.notFound();
        }
    }

    private void refuseUninvoiceable(Handle handle, Order order, EinvoiceSettings merchant, boolean buyerAsks) {
        if (order.status().equals(Classified.EXCLUDED) || order.status().equals(Classified.FAILED)) {
            throw conflict("The order is " + order.status() + " and gets no e-invoice", "order",
                    order.statusReason().orElse(order.status()));
        }
        if (order.status().equals(Classified.CONSOLIDATED)
                || buyerAsks && einvoices.monthConsolidated(handle, order.organizationId(), order.month())) {
            throw conflict("The order's month is already consolidated", "order",
                    "The consolidated e-invoice of " + order.month() + " already covers it (E5: ask within the month)");
        }
        if (!merchant.complete()) {
            var missing = new LinkedHashMap<String, List<String>>();
            merchant.missing().forEach(field -> missing.put(field, List.of("Missing from the e-invoice settings")));
            throw new ApiException(409, "Conflict", "The e-invoice settings are incomplete: missing "
                    + String.join(", ", merchant.missing()), Optional.of(missing));
        }
    }

    /** A pending order is classified as soon as the settings are complete: lazily, on the next request that reads it. */
    private Order classifyPending(Handle handle, Order order, EinvoiceSettings merchant, Instant now) {
        if (!order.status().equals(Classified.PENDING) || !merchant.complete()) {
            return order;
        }
        Order classified = order.classified(OrderClassification.classify(stored(handle, order), merchant, order.month()), now);
        orders.update(handle, classified);
        return classified;
    }

    ShopifyOrder stored(Handle handle, Order order) {
        var parsed = ShopifyOrders.parse(orders.body(handle, order.organizationId(), order.shopifyOrderId()));
        return parsed.order().orElseThrow(() -> new IllegalStateException("a stored order no longer parses: " + parsed.errors().keySet()));
    }

    private OrderView view(Handle handle, Order order) {
        List<Long> id = List.of(order.shopifyOrderId());
        return new OrderView(order, orders.refunds(handle, order.organizationId(), id).getOrDefault(order.shopifyOrderId(), List.of()),
                orders.einvoiceIds(handle, order.organizationId(), id).getOrDefault(order.shopifyOrderId(), List.of()));
    }

    private static ShopifyOrder parse(JsonNode body) {
        ShopifyOrders.Parsed parsed = ShopifyOrders.parse(body);
        return parsed.order().orElseThrow(() -> ApiException.validation(new TreeMap<>(parsed.errors())));
    }

    private EinvoiceSettings settingsOf(String organizationId) {
        return settings.settings(organizationId).orElseThrow(OrganizationService::notFound);
    }

    static String month(ShopifyOrder order) {
        return YearMonth.from(order.processedAt().atZoneSameInstant(MALAYSIA)).toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    static ApiException notFound() {
        return ApiException.notFound("Order not found");
    }

    static ApiException conflict(String message, String field, String fieldMessage) {
        return ApiException.conflict(message, field, fieldMessage);
    }
}
