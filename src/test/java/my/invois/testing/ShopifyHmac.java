package my.invois.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shopify's webhook signature, computed here independently of the server's code. */
public final class ShopifyHmac {

    private ShopifyHmac() {
    }

    /** base64(HMAC-SHA256(secret, bytes)), as X-Shopify-Hmac-Sha256 carries it. */
    public static String of(String secret, byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
