package my.invois.shopify;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import my.invois.einvoices.document.Buyer;
import my.invois.einvoices.document.Documents;
import my.invois.einvoices.document.Issue;
import my.invois.einvoices.document.OriginalDocument;
import my.invois.einvoices.document.Sale;
import my.invois.einvoices.document.SaleLine;
import my.invois.shopify.ShopifyOrderMapping.Mapped;
import org.junit.jupiter.api.Test;

class ShopifyRefundMappingTest {

    private static final long BAJU = 100;
    private static final long KOPI = 101;

    /** Baju 2 × 50.00 less 10.00 with 10 % tax, Kopi 20.00 with 10 % tax, shipping 10.00: 131.00. */
    private static OrderJson order() {
        return anOrder(1071)
                .line("Baju Melayu", 2, "50.00", discounts("10.00"), "0.1", "9.00")
                .line("Kopi", 1, "20.00", discounts(), "0.1", "2.00")
                .shipping("Poslaju", "10.00", discounts())
                .total("131.00");
    }

    private static Mapped mapped(OrderJson.RefundJson refund) {
        ShopifyOrder order = refund.order().parsed();
        return ShopifyOrderMapping.refund(order, order.refunds().get(order.refunds().size() - 1), OrderJson.sstSupplier());
    }

    private static Sale note(OrderJson.RefundJson refund) {
        Mapped mapped = mapped(refund);
        return mapped.sale().orElseThrow(() -> new AssertionError(mapped.failure()));
    }

    @Test
    void money_returned_gives_a_refund_note_whose_payable_is_the_successful_refund_transactions() {
        OrderJson.RefundJson refund = order().refund(1).line(BAJU, 1, "45.00", "4.50")
                .transaction("refund", "success", "30.00").transaction("refund", "success", "19.50")
                .transaction("refund", "failure", "49.50").transaction("refund", "error", "5.00")
                .transaction("sale", "success", "131.00");
        Sale sale = note(refund);
        ShopifyOrder order = refund.order().parsed();
        assertThat(ShopifyOrderMapping.moneyReturned(order.refunds().get(0))).isEqualByComparingTo("49.50");
        assertThat(sale.payable()).isEqualByComparingTo("49.50");
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("49.50");
        SaleLine line = sale.lines().get(0);
        assertThat(line.quantity()).isEqualByComparingTo("1");
        assertThat(line.unitPrice()).isEqualByComparingTo("50.00");
        assertThat(line.lineExtensionAmount()).isEqualByComparingTo("45.00");
        assertThat(line.taxes()).singleElement().satisfies(tax -> {
            assertThat(tax.taxType()).isEqualTo("01");
            assertThat(tax.percent()).isEqualByComparingTo("10");
            assertThat(tax.amount()).isEqualByComparingTo("4.50");
        });
    }

    @Test
    void the_note_references_the_original_internal_id_and_uuid_and_is_typed_by_money_returned() {
        Sale sale = note(order().refund(1).line(KOPI, 1, "20.00", "2.00").transaction("refund", "success", "22.00"));
        var original = new OriginalDocument("INV000123", "F9D425P6DS7D8IU3X9QS5BEJ10");
        ObjectNode note = Documents.refundNote(new Issue("RN000001", Instant.parse("2026-11-28T02:15:30Z"), "1.1"),
                OrderJson.sstSupplier(), Buyer.GENERAL_PUBLIC, sale, original);
        assertThat(note.at("/Invoice/0/InvoiceTypeCode/0/_").asText()).isEqualTo(Documents.REFUND_NOTE);
        assertThat(note.at("/Invoice/0/BillingReference/0/InvoiceDocumentReference/0/ID/0/_").asText()).isEqualTo("INV000123");
        assertThat(note.at("/Invoice/0/BillingReference/0/InvoiceDocumentReference/0/UUID/0/_").asText())
                .isEqualTo("F9D425P6DS7D8IU3X9QS5BEJ10");
        assertThat(note.at("/Invoice/0/LegalMonetaryTotal/0/PayableAmount/0/_").decimalValue()).isEqualByComparingTo("22");
    }

    @Test
    void a_shipping_refund_is_a_shipping_line_and_shopifys_matching_shipping_refund_adjustment_is_not_counted_twice() {
        Sale sale = note(order().refund(1).shipping("Poslaju", "10.00", "0.00")
                .adjustment("shipping_refund", "-10.00", "0.00").transaction("refund", "success", "10.00"));
        assertThat(sale.lines()).extracting(SaleLine::description).containsExactly("Refund: Shipping: Poslaju");
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("10.00");
    }

    @Test
    void a_shipping_refund_only_as_an_adjustment_is_credited_by_its_negated_amount() {
        Sale sale = note(order().refund(1).adjustment("shipping_refund", "-10.00", "0.00")
                .transaction("refund", "success", "10.00"));
        assertThat(sale.lines()).extracting(SaleLine::lineExtensionAmount).containsExactly(new BigDecimal("10.00"));
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("10.00");
    }

    @Test
    void a_refund_discrepancy_returning_less_than_the_lines_is_a_negative_adjustment_line() {
        Sale sale = note(order().refund(1).line(BAJU, 1, "45.00", "4.50")
                .adjustment("refund_discrepancy", "9.50", "0.00").transaction("refund", "success", "40.00"));
        assertThat(sale.lines()).extracting(SaleLine::description)
                .containsExactly("Refund: Baju Melayu", "Refund adjustment: refund_discrepancy");
        assertThat(sale.lines().get(1).lineExtensionAmount()).isEqualByComparingTo("-9.50");
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("40.00");
    }

    @Test
    void an_amount_only_refund_is_credited_through_its_discrepancy() {
        Sale sale = note(order().refund(1).adjustment("refund_discrepancy", "-15.00", "0.00")
                .transaction("refund", "success", "15.00"));
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("15.00");
    }

    @Test
    void an_adjustment_with_tax_is_taxed_at_the_orders_single_rate() {
        Sale sale = note(order().refund(1).adjustment("refund_discrepancy", "-11.00", "-1.10")
                .transaction("refund", "success", "12.10"));
        assertThat(sale.lines().get(0).taxes()).singleElement().satisfies(tax -> {
            assertThat(tax.taxType()).isEqualTo("01");
            assertThat(tax.amount()).isEqualByComparingTo("1.10");
        });
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("12.10");
    }

    @Test
    void a_restock_or_store_credit_refund_without_money_returned_credits_the_lines_value() {
        for (OrderJson.RefundJson refund : List.of(order().refund(1).line(BAJU, 1, "45.00", "4.50"),
                order().refund(1).line(BAJU, 1, "45.00", "4.50").transaction("refund", "failure", "49.50"))) {
            ShopifyOrder order = refund.order().parsed();
            assertThat(ShopifyOrderMapping.moneyReturned(order.refunds().get(0))).isZero();
            assertThat(note(refund).totals().payableAmount()).isEqualByComparingTo("49.50");
        }
    }

    @Test
    void a_refund_that_neither_returns_money_nor_credits_anything_gives_no_note() {
        Mapped mapped = mapped(anOrder(1072).line("Sampel", 1, "0.00", discounts()).line("Kopi", 1, "20.00", discounts())
                .total("20.00").refund(1).line(BAJU, 1, "0.00", "0.00"));
        assertThat(mapped.sale()).isEmpty();
        assertThat(mapped.failure()).isEqualTo(ShopifyOrderMapping.NOTHING_TO_CREDIT);
    }

    @Test
    void a_refund_of_nothing_whose_only_transaction_failed_gives_no_note() {
        Mapped mapped = mapped(order().refund(1).transaction("refund", "failure", "49.50"));
        assertThat(mapped.failure()).isEqualTo(ShopifyOrderMapping.NOTHING_TO_CREDIT);
    }

    @Test
    void lines_that_cannot_agree_with_the_money_returned_fail_with_the_difference() {
        Mapped mapped = mapped(order().refund(1).line(BAJU, 1, "45.00", "4.50").transaction("refund", "success", "50.00"));
        assertThat(mapped.sale()).isEmpty();
        assertThat(mapped.failure()).isEqualTo("payable 49.50 ≠ money returned 50.00 (difference -0.50)");
    }

    @Test
    void a_pending_refund_transaction_fails_until_the_money_is_known() {
        Mapped mapped = mapped(order().refund(1).line(BAJU, 1, "45.00", "4.50").transaction("refund", "pending", "49.50"));
        assertThat(mapped.sale()).isEmpty();
        assertThat(mapped.failure()).contains("pending");
    }

    @Test
    void refunds_returning_more_than_the_orders_total_fail() {
        OrderJson.RefundJson second = order().refund(1).line(BAJU, 2, "90.00", "9.00").transaction("refund", "success", "99.00")
                .order().refund(2).line(KOPI, 1, "20.00", "2.00").adjustment("refund_discrepancy", "-20.00", "0.00")
                .transaction("refund", "success", "42.00");
        assertThat(mapped(second).failure()).isEqualTo("refunds return 141.00 in all, more than the order's total_price 131.00");
    }

    @Test
    void a_refund_of_a_tax_inclusive_order_returns_the_tax_inclusive_subtotal() {
        Sale sale = note(anOrder(1073).taxesIncluded(true).line("Teh", 2, "53.00", discounts(), "0.06", "6.00").total("106.00")
                .refund(1).line(BAJU, 1, "53.00", "3.00").transaction("refund", "success", "53.00"));
        assertThat(sale.lines().get(0).lineExtensionAmount()).isEqualByComparingTo("50.00");
        assertThat(sale.lines().get(0).taxAmount()).isEqualByComparingTo("3.00");
        assertThat(sale.totals().payableAmount()).isEqualByComparingTo("53.00");
    }

    @Test
    void a_refund_shipping_line_amount_that_is_a_float_is_a_field_error() {
        ObjectNode body = order().refund(1).shipping("Poslaju", "10.00", "0.00").order().json();
        ((ObjectNode) body.at("/refunds/0/refund_shipping_lines/0/subtotal_amount_set/shop_money")).put("amount", 10.0);
        assertThat(ShopifyOrders.parse(body).errors())
                .containsOnlyKeys("refunds[0].refund_shipping_lines[0].subtotal_amount_set.shop_money.amount");
    }
}
