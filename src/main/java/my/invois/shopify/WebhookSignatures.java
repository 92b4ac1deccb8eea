package my.invois.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * E3: X-Shopify-Hmac-Sha256 is base64(HMAC-SHA256(client secret, raw body bytes)). Each secret of
 * SHOPIFY_API_SECRET is tried (Shopify signs with the oldest unrevoked one during a rotation),
 * every one of them whatever the outcome, and the decoded bytes are compared in constant time.
 */
final class WebhookSignatures {

    static final String HEADER = "X-Shopify-Hmac-Sha256";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;

    private final List<SecretKeySpec> secrets;

    WebhookSignatures(List<String> secrets) {
        this.secrets = secrets.stream().map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM)).toList();
    }

    /** Why the delivery is not Shopify's (for the log, never the values); empty when the signature matches. */
    Optional<String> problem(List<String> headerValues, byte[] body) {
        if (secrets.isEmpty()) {
            return Optional.of("SHOPIFY_API_SECRET is not set");
        }
        if (headerValues.size() != 1) {
            return Optional.of(HEADER + " is missing or repeated");
        }
        Optional<byte[]> presented = decoded(headerValues.get(0));
        if (presented.isEmpty()) {
            return Optional.of(HEADER + " is not a base64 HMAC-SHA256");
        }
        boolean matched = false;
        for (SecretKeySpec secret : secrets) {
            matched |= MessageDigest.isEqual(hmac(secret, body), presented.get());
        }
        return matched ? Optional.empty() : Optional.of(HEADER + " does not match the body");
    }

    static byte[] hmac(SecretKeySpec secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", impossible);
        }
    }

    private static Optional<byte[]> decoded(String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value.strip());
            return bytes.length == SIGNATURE_BYTES ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
