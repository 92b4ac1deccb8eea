package my.invois.shopify;

import java.util.LinkedHashMap;
import java.util.Map;

/** A realistic payload of each E3 topic, in the shapes Shopify documents (reference §5.4, §5.5, §5.7). */
final class WebhookPayloads {

    static final String ORDER = """
            {"id": 6200407294252, "admin_graphql_api_id": "gid://shopify/Order/6200407294252",
             "name": "#1071", "number": 71, "order_number": 1071, "confirmation_number": "V9ENVL83C",
             "created_at": "2025-01-23T23:10:15-05:00", "processed_at": "2025-01-23T23:10:14-05:00", "updated_at": "2025-01-23T23:10:16-05:00",
             "currency": "MYR", "presentment_currency": "MYR", "financial_status": "paid", "test": false,
             "taxes_included": false, "tax_exempt": false, "tax_lines": [], "total_tax": "0.00",
             "email": "aisyah@example.com", "contact_email": null, "phone": null, "customer": null,
             "billing_address": {"first_name": "Aisyah", "last_name": "Rahman", "name": "Aisyah Rahman", "address1": "12 Jalan Ampang",
                                 "city": "Kuala Lumpur", "zip": "50450", "province_code": "KUL", "country_code": "MY", "phone": "012-345 6789"},
             "total_line_items_price": "199.00", "total_discounts": "34.10", "subtotal_price": "164.90", "total_price": "186.90",
             "total_price_set": {"shop_money": {"amount": "186.90", "currency_code": "MYR"}, "presentment_money": {"amount": "186.90", "currency_code": "MYR"}},
             "line_items": [
               {"id": 15518907892012, "name": "Kain batik", "title": "Kain batik", "sku": "", "quantity": 1, "current_quantity": 1,
                "price": "99.00", "price_set": {"shop_money": {"amount": "99.00", "currency_code": "MYR"}, "presentment_money": {"amount": "99.00", "currency_code": "MYR"}},
                "taxable": true, "gift_card": false, "total_discount": "0.00", "tax_lines": [],
                "discount_allocations": [{"amount": "14.10", "amount_set": {"shop_money": {"amount": "14.10", "currency_code": "MYR"}}, "discount_application_index": 0}]}],
             "shipping_lines": [{"id": 4946484101420, "title": "Pos Laju", "price": "22.00",
                "price_set": {"shop_money": {"amount": "22.00", "currency_code": "MYR"}}, "tax_lines": [], "discount_allocations": []}],
             "refunds": [], "cancelled_at": null, "cancel_reason": null}""";

    static final String REFUND = """
            {"id": 890088186047892319, "order_id": 820982911946154508,
             "created_at": "2021-12-31T19:00:00-05:00", "processed_at": "2021-12-31T19:00:00-05:00",
             "note": "Things were damaged", "restock": false, "user_id": 548380009,
             "duties": [], "order_adjustments": [], "refund_shipping_lines": [], "return": null,
             "refund_line_items": [{"id": 487817672276298627, "line_item_id": 487817672276298554, "quantity": 1, "restock_type": "no_restock",
               "subtotal": 89.99, "total_tax": 0.0,
               "subtotal_set": {"shop_money": {"amount": "89.99", "currency_code": "MYR"}, "presentment_money": {"amount": "89.99", "currency_code": "MYR"}},
               "total_tax_set": {"shop_money": {"amount": "0.00", "currency_code": "MYR"}, "presentment_money": {"amount": "0.00", "currency_code": "MYR"}}}],
             "transactions": [{"id": 245135271310201194, "order_id": 820982911946154508, "kind": "refund", "gateway": "bogus",
               "status": "success", "amount": "75.00", "currency": null, "test": false}]}""";

    static final String SHOP = """
            {"id": 548380009, "name": "Kedai Ali", "email": "ali@example.com", "domain": "kedai-ali.com.my",
             "myshopify_domain": "kedai-ali.myshopify.com", "country_code": "MY", "currency": "MYR", "plan_name": "basic"}""";

    static final String DATA_REQUEST = """
            {"shop_id": 954889, "shop_domain": "kedai-ali.myshopify.com", "orders_requested": [299938, 280263, 220458],
             "customer": {"id": 191167, "email": "john@example.com", "phone": "555-625-1199"}, "data_request": {"id": 9999}}""";

    static final String CUSTOMER_REDACT = """
            {"shop_id": 954889, "shop_domain": "kedai-ali.myshopify.com",
             "customer": {"id": 191167, "email": "john@example.com", "phone": "555-625-1199"}, "orders_to_redact": [299938, 280263, 220458]}""";

    static final String SHOP_REDACT = """
            {"shop_id": 954889, "shop_domain": "kedai-ali.myshopify.com"}""";

    private WebhookPayloads() {
    }

    /** Each E3 topic with its payload. */
    static Map<String, String> byTopic() {
        var payloads = new LinkedHashMap<String, String>();
        payloads.put("orders/paid", ORDER);
        payloads.put("orders/updated", ORDER.replace("\"updated_at\": \"2025-01-23T23:10:16-05:00\"", "\"updated_at\": \"2025-01-24T09:00:00-05:00\""));
        payloads.put("orders/cancelled", ORDER.replace("\"cancelled_at\": null, \"cancel_reason\": null",
                "\"cancelled_at\": \"2025-01-24T10:00:00-05:00\", \"cancel_reason\": \"customer\""));
        payloads.put("refunds/create", REFUND);
        payloads.put("app/uninstalled", SHOP);
        payloads.put("customers/data_request", DATA_REQUEST);
        payloads.put("customers/redact", CUSTOMER_REDACT);
        payloads.put("shop/redact", SHOP_REDACT);
        return payloads;
    }
}
