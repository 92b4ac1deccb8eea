package my.invois.shopify;

import java.util.Set;

/** E3: the topics Invois subscribes to; a delivery of any other topic is stored as ignored. */
public final class WebhookTopics {

    public static final String ORDERS_PAID = "orders/paid";
    public static final String ORDERS_UPDATED = "orders/updated";
    public static final String ORDERS_CANCELLED = "orders/cancelled";
    public static final String REFUNDS_CREATE = "refunds/create";
    public static final String APP_UNINSTALLED = "app/uninstalled";
    public static final String CUSTOMERS_DATA_REQUEST = "customers/data_request";
    public static final String CUSTOMERS_REDACT = "customers/redact";
    public static final String SHOP_REDACT = "shop/redact";

    private static final Set<String> HANDLED = Set.of(ORDERS_PAID, ORDERS_UPDATED, ORDERS_CANCELLED, REFUNDS_CREATE,
            APP_UNINSTALLED, CUSTOMERS_DATA_REQUEST, CUSTOMERS_REDACT, SHOP_REDACT);

    /** Worked by ProcessWebhooks; the privacy topics (E9) wait for their own job. */
    static final Set<String> ORDERS_AND_APP = Set.of(ORDERS_PAID, ORDERS_UPDATED, ORDERS_CANCELLED, REFUNDS_CREATE, APP_UNINSTALLED);

    /** E9: worked by ProcessPrivacyRequests, also after the app is uninstalled. */
    static final Set<String> PRIVACY = Set.of(CUSTOMERS_DATA_REQUEST, CUSTOMERS_REDACT, SHOP_REDACT);

    private WebhookTopics() {
    }

    static boolean isHandled(String topic) {
        return HANDLED.contains(topic);
    }

    static Set<String> handled() {
        return HANDLED;
    }
}
