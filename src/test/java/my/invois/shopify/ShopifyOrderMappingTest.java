package my.invois.shopify;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.SaleLine;
import my.invois.einvoices.document.Totals;
import org.junit.jupiter.api.Test;

class ShopifyOrderMappingTest {

    private static Sale sale(OrderJson order) {
        var mapped = ShopifyOrderMapping.sale(order.parsed(), OrderJson.sstSupplier());
        return mapped.sale().orElseThrow(() -> new AssertionError(mapped.failure()));
    }

    @Test
    void tax_exclusive_order_with_discounts_and_shipping_has_exact_totals() {
        Sale sale = sale(anOrder(1071)
                .line("Baju Melayu", 1, "99.00", discounts("14.10", "5.00"), "0.1", "7.99")
                .line("Green Snowboard", 1, "100.00", discounts("15.00"), "0.1", "8.50")
                .shipping("Poslaju", "22.00", discounts())
                .total("203.39"));
        Totals totals = sale.totals();
        assertThat(sale.lines()).extracting(SaleLine::lineExtensionAmount)
                .containsExactly(new BigDecimal("79.90"), new BigDecimal("85.00"), new BigDecimal("22.00"));
        assertThat(totals.taxExclusiveAmount()).isEqualByComparingTo("186.90");
        assertThat(totals.taxAmount()).isEqualByComparingTo("16.49");
        assertThat(totals.payableAmount()).isEqualByComparingTo("203.39");
        assertThat(totals.taxSubtotals()).hasSize(2);
        assertThat(totals.taxSubtotals().get(0).taxType()).isEqualTo("01");
        assertThat(totals.taxSubtotals().get(0).taxableAmount()).isEqualByComparingTo("164.90");
        assertThat(totals.taxSubtotals().get(1).taxType()).isEqualTo("06");
    }

    @Test
    void three_at_33_33_with_10_percent_tax_rounds_half_up_once() {
        Sale sale = sale(anOrder(1002).line("Kuih", 3, "33.33", discounts(), "0.1", "10.00").total("109.99"));
        SaleLine line = sale.lines().get(0);
        assertThat(line.subtotal()).isEqualByComparingTo("99.99");
        assertThat(line.taxAmount()).isEqualByComparingTo("10.00");
        assertThat(sale.totals().taxInclusiveAmount()).isEqualByComparingTo("109.99");
    }

    @Test
    void tax_inclusive_order_keeps_shopify_total_and_reports_the_tax_separately() {
        Sale sale = sale(anOrder(1003).taxesIncluded(true)
                .line("Teh Tarik 中文 é", 3, "33.33", discounts("1.00"), "0.06", "5.60")
                .total("98.99"));
        SaleLine line = sale.lines().get(0);
        assertThat(line.lineExtensionAmount()).isEqualByComparingTo("93.39");
        assertThat(line.taxAmount()).isEqualByComparingTo("5.60");
        assertThat(line.unitPrice()).isEqualByComparingTo("31.44");
        assertThat(line.taxes().get(0).taxType()).isEqualTo("02");
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("98.99");
        assertThat(line.allowances()).noneMatch(a -> a.amount().compareTo(new BigDecimal("5.60")) == 0);
    }

    @Test
    void totals_that_cannot_agree_fail_with_the_difference() {
        var mapped = ShopifyOrderMapping.sale(anOrder(1004).line("Kopi", 1, "100.01", discounts()).total("100.00").parsed(),
                OrderJson.sstSupplier());
        assertThat(mapped.sale()).isEmpty();
        assertThat(mapped.failure()).isEqualTo("payable 100.01 ≠ Shopify total_price 100.00 (difference 0.01)");
    }

    @Test
    void a_rate_without_a_tax_type_in_the_settings_fails_the_order() {
        var mapped = ShopifyOrderMapping.sale(anOrder(1005).line("Kopi", 1, "100.00", discounts(), "0.07", "7.00")
                .total("107.00").parsed(), OrderJson.sstSupplier());
        assertThat(mapped.failure()).contains("tax rate 7%");
    }

    @Test
    void a_merchant_not_sst_registered_gets_tax_type_06() {
        var mapped = ShopifyOrderMapping.sale(anOrder(1006).line("Kopi", 2, "5.50", discounts()).total("11.00").parsed(),
                OrderJson.supplier("06"));
        assertThat(mapped.sale().orElseThrow().lines().get(0).taxes().get(0).taxType()).isEqualTo("06");
    }

    @Test
    void an_order_in_another_currency_fails() {
        var json = anOrder(1007).line("Kopi", 1, "10.00", discounts()).total("10.00").json().put("currency", "USD");
        var mapped = ShopifyOrderMapping.sale(ShopifyOrders.parse(json).order().orElseThrow(), OrderJson.sstSupplier());
        assertThat(mapped.failure()).contains("only MYR");
    }
}
