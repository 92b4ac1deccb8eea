package my.invois.testing;

import static my.invois.testing.OrganizationBuilder.anOrganization;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merchants as the e-invoicing tests need them: settings LHDN accepts, and a linked Shopify shop. */
public final class Merchants {

    public static final Map<String, Object> ADDRESS = Map.of("lines", List.of("No. 12, Jalan Bukit Bintang"), "city", "Kuala Lumpur",
            "postcode", "55100", "state", "14", "country", "MYS");

    private Merchants() {
    }

    /** Everything LHDN requires of a supplier that uses Invois's intermediary client. */
    public static Map<String, Object> completeSettings() {
        var body = new LinkedHashMap<String, Object>();
        body.put("tin", "C2584563202");
        body.put("registrationType", "BRN");
        body.put("registrationNumber", "202001234567");
        body.put("msicCode", "47912");
        body.put("address", ADDRESS);
        body.put("phone", "012-345 6789");
        return body;
    }

    /** A new organization with complete e-invoice settings and {@code shopDomain} linked; its id. */
    public static String withLinkedShop(Api api, String shopDomain) {
        String organization = anOrganization().create(api).get("id").asText();
        assertThat(api.put(Api.PREFIX + "/organizations/" + organization + "/einvoice-settings", completeSettings()).status()).isEqualTo(200);
        assertThat(api.put(Api.PREFIX + "/organizations/" + organization + "/shopify", Map.of("shopDomain", shopDomain)).status())
                .isEqualTo(200);
        return organization;
    }
}
