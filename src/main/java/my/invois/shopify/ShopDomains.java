package my.invois.shopify;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A shop is named by its permanent domain, {@code <handle>.myshopify.com} (what Shopify's
 * webhooks send in X-Shopify-Shop-Domain), never by a custom domain the merchant may change.
 */
final class ShopDomains {

    /** A DNS label: at most 63 characters before .myshopify.com. */
    static final int MAX_LENGTH = 63 + ".myshopify.com".length();
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]*\\.myshopify\\.com");

    private ShopDomains() {
    }

    static String normalise(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }

    static Optional<String> check(String domain) {
        return domain.length() <= MAX_LENGTH && DOMAIN.matcher(domain).matches() ? Optional.empty()
                : Optional.of("Shop domain must be the shop's myshopify.com domain, such as kedai-ali.myshopify.com");
    }
}
