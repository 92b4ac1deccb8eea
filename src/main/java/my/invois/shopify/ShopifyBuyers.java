package my.invois.shopify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import my.invois.einvoices.document.Address;
import my.invois.einvoices.document.Buyer;
import my.invois.http.Text;
import my.invois.lhdn.CodeTable;

/**
 * E5's fallback for an order over RM10,000 without buyer details: the buyer as the order names them
 * (reference §5.4 buyer rows, §5.6), with the general TIN, or why the order cannot name a valid one.
 */
public final class ShopifyBuyers {

    public static final String MALAYSIAN_TIN = "EI00000000010";
    /** Anchors §1.10: a foreign buyer without a TIN. */
    public static final String FOREIGN_TIN = "EI00000000020";
    static final String NOT_APPLICABLE = "NA";
    static final String FOREIGN_STATE = "17";
    private static final Map<String, String> STATES = Map.ofEntries(Map.entry("JHR", "01"), Map.entry("KDH", "02"),
            Map.entry("KTN", "03"), Map.entry("MLK", "04"), Map.entry("NSN", "05"), Map.entry("PHG", "06"),
            Map.entry("PNG", "07"), Map.entry("PRK", "08"), Map.entry("PLS", "09"), Map.entry("SGR", "10"),
            Map.entry("TRG", "11"), Map.entry("SBH", "12"), Map.entry("SWK", "13"), Map.entry("KUL", "14"),
            Map.entry("LBN", "15"), Map.entry("PJY", "16"));
    private static final Pattern MALAYSIAN_POSTCODE = Pattern.compile("[0-9]{5}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** The buyer, or why there is none; exactly one of them is present. */
    public record FromOrder(Optional<Buyer> buyer, String failure) {

        static FromOrder failed(String reason) {
            return new FromOrder(Optional.empty(), reason);
        }
    }

    private ShopifyBuyers() {
    }

    public static FromOrder buyer(ShopifyOrder order) {
        Optional<String> name = name(order);
        if (name.isEmpty()) {
            return FromOrder.failed("the order names no buyer (billing_address.name, customer, shipping_address.name)");
        }
        if (Text.length(name.get()) > 300) {
            return FromOrder.failed("buyer name is longer than 300 characters");
        }
        if (order.billingAddress().isEmpty()) {
            return FromOrder.failed("the order has no billing_address");
        }
        ShopifyOrder.Address billing = order.billingAddress().get();
        Optional<String> country = country(billing.countryCode());
        if (country.isEmpty()) {
            return FromOrder.failed("billing_address.country_code \"" + billing.countryCode() + "\" is not in LHDN's country codes");
        }
        boolean malaysian = "MYS".equals(country.get());
        List<String> problems = new ArrayList<>();
        Address address = address(billing, country.get(), malaysian, problems);
        if (!problems.isEmpty()) {
            return FromOrder.failed(String.join("; ", problems));
        }
        return new FromOrder(Optional.of(new Buyer(name.get(), malaysian ? MALAYSIAN_TIN : FOREIGN_TIN,
                malaysian ? "NRIC" : "PASSPORT", NOT_APPLICABLE, NOT_APPLICABLE, address, phone(order, malaysian),
                email(order))), null);
    }

    static Optional<String> name(ShopifyOrder order) {
        Stream<String> customer = order.customer().map(c -> (c.firstName() + " " + c.lastName()).strip()).stream();
        return Stream.of(order.billingAddress().map(ShopifyOrder.Address::name).stream(), customer,
                order.shippingAddress().map(ShopifyOrder.Address::name).stream())
                .flatMap(s -> s).filter(n -> !n.isBlank()).findFirst();
    }

    /** Shopify's alpha-2 as LHDN's alpha-3; Kosovo's XK is not an ISO code the JDK knows. */
    static Optional<String> country(String alpha2) {
        String code = alpha2.toUpperCase(Locale.ROOT);
        if (code.equals("XK")) {
            return Optional.of("XKX");
        }
        if (!code.matches("[A-Z]{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Locale("", code).getISO3Country()).filter(CodeTable.COUNTRIES::contains);
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** Reference §5.6: a Malaysian zone code maps to its state, anything else in Malaysia is refused; abroad is 17. */
    static Optional<String> state(String provinceCode, boolean malaysian) {
        return malaysian ? Optional.ofNullable(STATES.get(provinceCode.toUpperCase(Locale.ROOT))) : Optional.of(FOREIGN_STATE);
    }

    /**
     * Reference §5.6: digits and a leading +; the international prefix 00 is a +; a Malaysian trunk 0
     * becomes +60; 8–20 characters, else "NA".
     */
    static String phone(String raw, boolean malaysian) {
        String digits = raw.replaceAll("[^0-9]", "");
        String phone = raw.strip().startsWith("+") ? "+" + digits
                : digits.startsWith("00") ? "+" + digits.substring(2)
                : malaysian && digits.startsWith("0") ? "+60" + digits.substring(1) : digits;
        return phone.length() >= 8 && phone.length() <= 20 ? phone : NOT_APPLICABLE;
    }

    private static String phone(ShopifyOrder order, boolean malaysian) {
        return Stream.of(order.billingAddress().map(ShopifyOrder.Address::phone).stream(),
                order.customer().map(ShopifyOrder.Customer::phone).stream(),
                order.shippingAddress().map(ShopifyOrder.Address::phone).stream())
                .flatMap(s -> s).filter(p -> !p.isBlank()).findFirst().map(p -> phone(p, malaysian)).orElse(NOT_APPLICABLE);
    }

    /** One address or none: LHDN's email is optional, and a malformed one is left out rather than sent. */
    private static String email(ShopifyOrder order) {
        return Stream.concat(Stream.of(order.email()), order.customer().map(ShopifyOrder.Customer::email).stream())
                .filter(e -> !e.isBlank()).findFirst().filter(e -> Text.length(e) <= 320 && EMAIL.matcher(e).matches())
                .orElse("");
    }

    private static Address address(ShopifyOrder.Address billing, String country, boolean malaysian, List<String> problems) {
        List<String> lines = Stream.of(billing.address1(), billing.address2()).filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            problems.add("billing_address has no address1 or address2");
        }
        lines.stream().filter(l -> Text.length(l) > 150).findFirst()
                .ifPresent(l -> problems.add("a billing_address line is longer than 150 characters"));
        if (billing.city().isBlank() || Text.length(billing.city()) > 50) {
            problems.add("billing_address.city must be 1 to 50 characters");
        }
        if (malaysian ? !MALAYSIAN_POSTCODE.matcher(billing.zip()).matches() : Text.length(billing.zip()) > 50) {
            problems.add(malaysian ? "billing_address.zip must be a 5-digit Malaysian postcode" : "billing_address.zip is longer than 50 characters");
        }
        Optional<String> state = state(billing.provinceCode(), malaysian);
        if (state.isEmpty()) {
            problems.add("billing_address.province_code \"" + billing.provinceCode() + "\" is not a Malaysian state");
        }
        return new Address(lines, billing.city(), billing.zip(), state.orElse(""), country);
    }
}
