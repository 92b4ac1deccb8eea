package my.invois.shopify;

import java.time.Instant;

/** E3: the Shopify shop linked to an organization, by its permanent myshopify.com domain. */
public record ShopLink(String organizationId, String shopDomain, Instant createdAt, Instant updatedAt) {
}
