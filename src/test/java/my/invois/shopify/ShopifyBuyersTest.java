package my.invois.shopify;

import static my.invois.shopify.OrderJson.anOrder;
import static my.invois.shopify.OrderJson.discounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import my.invois.einvoices.document.Buyer;
import my.invois.lhdn.CodeTable;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ShopifyBuyersTest {

    private static ObjectNode order() {
        ObjectNode order = anOrder(1071).line("Baju", 1, "12000.00", discounts()).total("12000.00").json();
        order.put("email", "siti@example.my");
        order.putObject("billing_address").put("name", "Siti Nur'aini").put("first_name", "Siti")
                .put("address1", "No. 12, Jalan 3/4").put("address2", "Taman Ria").put("city", "Shah Alam")
                .put("zip", "40000").put("province", "Selangor").put("province_code", "SGR").put("country", "Malaysia")
                .put("country_code", "MY").put("phone", "012-345 6789").putNull("latitude");
        order.putObject("customer").put("first_name", "Aminah").put("last_name", "Ismail").put("email", "aminah@example.my")
                .put("phone", "+60 19-876 5432");
        order.putObject("shipping_address").put("name", "Ahmad Penerima").put("phone", "03-1234 5678");
        return order;
    }

    private static ShopifyBuyers.FromOrder from(ObjectNode body) {
        var parsed = ShopifyOrders.parse(body);
        return ShopifyBuyers.buyer(parsed.order().orElseThrow(() -> new AssertionError(parsed.errors())));
    }

    private static Buyer buyer(ObjectNode body) {
        var from = from(body);
        return from.buyer().orElseThrow(() -> new AssertionError(from.failure()));
    }

    private static ObjectNode billing(ObjectNode order) {
        return (ObjectNode) order.get("billing_address");
    }

    @Test
    void a_malaysian_billing_address_gives_a_buyer_with_the_general_tin() {
        Buyer buyer = buyer(order());
        assertThat(buyer.name()).isEqualTo("Siti Nur'aini");
        assertThat(buyer.tin()).isEqualTo("EI00000000010");
        assertThat(buyer.registrationType()).isEqualTo("NRIC");
        assertThat(buyer.registrationNumber()).isEqualTo("NA");
        assertThat(buyer.sstNumber()).isEqualTo("NA");
        assertThat(buyer.address().lines()).containsExactly("No. 12, Jalan 3/4", "Taman Ria");
        assertThat(buyer.address().city()).isEqualTo("Shah Alam");
        assertThat(buyer.address().postcode()).isEqualTo("40000");
        assertThat(buyer.address().state()).isEqualTo("10");
        assertThat(buyer.address().country()).isEqualTo("MYS");
        assertThat(buyer.phone()).isEqualTo("+60123456789");
        assertThat(buyer.email()).isEqualTo("siti@example.my");
    }

    @Test
    void the_name_falls_back_to_the_customer_then_the_shipping_address() {
        ObjectNode order = order();
        billing(order).put("name", "");
        assertThat(buyer(order).name()).isEqualTo("Aminah Ismail");
        order.remove("customer");
        assertThat(buyer(order).name()).isEqualTo("Ahmad Penerima");
        ((ObjectNode) order.get("shipping_address")).remove("name");
        assertThat(from(order).failure()).contains("names no buyer");
    }

    @Test
    void the_phone_falls_back_to_the_customer_then_the_shipping_address() {
        ObjectNode order = order();
        billing(order).putNull("phone");
        assertThat(buyer(order).phone()).isEqualTo("+60198765432");
        order.remove("customer");
        assertThat(buyer(order).phone()).isEqualTo("+60312345678");
    }

    @Test
    void phones_keep_digits_and_a_leading_plus_and_are_na_outside_8_to_20_characters() {
        assertThat(ShopifyBuyers.phone("012-345 6789", true)).isEqualTo("+60123456789");
        assertThat(ShopifyBuyers.phone("+60 (12) 345-6789", true)).isEqualTo("+60123456789");
        assertThat(ShopifyBuyers.phone("0065 6123 4567", false)).isEqualTo("+6561234567");
        assertThat(ShopifyBuyers.phone("020 7946 0958", false)).isEqualTo("02079460958");
        assertThat(ShopifyBuyers.phone("12345", true)).isEqualTo("NA");
        assertThat(ShopifyBuyers.phone("+1 234 567 890 123 456 789 0", false)).isEqualTo("NA");
        assertThat(ShopifyBuyers.phone("call me", true)).isEqualTo("NA");
    }

    @Test
    void every_shopify_malaysian_zone_code_maps_to_its_lhdn_state() {
        String[] zones = {"JHR", "KDH", "KTN", "MLK", "NSN", "PHG", "PNG", "PRK", "PLS", "SGR", "TRG", "SBH", "SWK", "KUL", "LBN", "PJY"};
        for (int i = 0; i < zones.length; i++) {
            String state = String.format("%02d", i + 1);
            assertThat(ShopifyBuyers.state(zones[i], true)).as(zones[i]).contains(state);
            assertThat(CodeTable.STATES.contains(state)).isTrue();
        }
        assertThat(ShopifyBuyers.state("CA", false)).contains("17");
        assertThat(ShopifyBuyers.state("XYZ", true)).isEmpty();
    }

    @Test
    void a_malaysian_address_whose_province_is_unknown_cannot_make_a_buyer() {
        ObjectNode order = order();
        billing(order).put("province_code", "Selangor");
        assertThat(from(order).buyer()).isEmpty();
        assertThat(from(order).failure()).isEqualTo("billing_address.province_code \"Selangor\" is not a Malaysian state");
    }

    @Test
    void a_foreign_buyer_gets_state_17_the_alpha_3_country_and_the_foreign_general_tin() {
        ObjectNode order = order();
        billing(order).put("country_code", "SG").put("province_code", "").put("zip", "018956").put("phone", "+65 6123 4567");
        Buyer buyer = buyer(order);
        assertThat(buyer.address().state()).isEqualTo("17");
        assertThat(buyer.address().country()).isEqualTo("SGP");
        assertThat(buyer.tin()).isEqualTo("EI00000000020");
        assertThat(buyer.registrationType()).isEqualTo("PASSPORT");
        assertThat(buyer.phone()).isEqualTo("+6561234567");
    }

    @Test
    void countries_map_from_alpha_2_with_kosovo_by_hand_and_unknown_codes_refused() {
        assertThat(ShopifyBuyers.country("my")).contains("MYS");
        assertThat(ShopifyBuyers.country("XK")).contains("XKX");
        assertThat(ShopifyBuyers.country("ZZ")).isEmpty();
        assertThat(ShopifyBuyers.country("")).isEmpty();
        ObjectNode order = order();
        billing(order).put("country_code", "QQ");
        assertThat(from(order).failure()).contains("country_code \"QQ\"");
    }

    @Test
    void an_address_lhdn_cannot_take_fails_with_every_reason() {
        ObjectNode order = order();
        billing(order).put("address1", "").put("address2", "").put("city", "").put("zip", "4000");
        assertThat(from(order).failure()).contains("no address1 or address2", "city must be 1 to 50", "5-digit Malaysian postcode");
        order.remove("billing_address");
        assertThat(from(order).failure()).isEqualTo("the order has no billing_address");
    }

    @Test
    void the_email_is_the_orders_then_the_customers_and_a_malformed_one_is_left_out() {
        ObjectNode order = order();
        order.put("email", "");
        assertThat(buyer(order).email()).isEqualTo("aminah@example.my");
        order.put("email", "not an address");
        assertThat(buyer(order).email()).isEmpty();
    }

    @Property(tries = 200)
    void every_buyer_made_has_lhdn_codes_and_lengths_within_limits(@ForAll("bodies") ObjectNode body) {
        var from = from(body);
        assertThat(from.buyer().isPresent()).isNotEqualTo(from.failure() != null);
        from.buyer().ifPresent(buyer -> {
            assertThat(CodeTable.STATES.contains(buyer.address().state())).isTrue();
            assertThat(CodeTable.COUNTRIES.contains(buyer.address().country())).isTrue();
            assertThat(buyer.address().lines()).hasSizeBetween(1, 3).allMatch(l -> l.length() <= 150);
            assertThat(buyer.address().city()).hasSizeBetween(1, 50);
            assertThat(buyer.phone()).matches("NA|\\+?[0-9]{7,20}").hasSizeBetween(2, 20);
            assertThat(buyer.name()).isNotBlank();
            if (buyer.address().country().equals("MYS")) {
                assertThat(buyer.address().postcode()).matches("[0-9]{5}");
                assertThat(buyer.address().state()).isNotEqualTo("17");
            }
        });
    }

    @Provide
    Arbitrary<ObjectNode> bodies() {
        var countries = Arbitraries.of("MY", "SG", "ID", "XK", "GB", "ZZ", "", "my");
        var provinces = Arbitraries.of("SGR", "KUL", "PJY", "LBN", "JHR", "CA", "", "Selangor");
        var phones = Arbitraries.strings().withChars("0123456789+-() ").ofMaxLength(25);
        var zips = Arbitraries.of("40000", "018956", "4000", "", "SW1A 1AA");
        var texts = Arbitraries.strings().withChars("abc 中é'/-,.0").ofMaxLength(200);
        return net.jqwik.api.Combinators.combine(countries, provinces, phones, zips, texts, texts).as((c, p, phone, zip, line, city) -> {
            ObjectNode order = order();
            billing(order).put("country_code", c).put("province_code", p).put("phone", phone).put("zip", zip)
                    .put("address1", line).put("city", city);
            return order;
        });
    }
}
