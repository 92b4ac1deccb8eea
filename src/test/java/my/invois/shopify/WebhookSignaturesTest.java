package my.invois.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    private static final String SECRET = "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";
    private static final byte[] BODY = ("{\"id\":820982911946154508,\"email\":\"jon@example.com\","
            + "\"total_price_set\":{\"shop_money\":{\"amount\":\"186.90\",\"currency_code\":\"MYR\"}}}").getBytes(StandardCharsets.UTF_8);
    /** printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64 */
    private static final String OPENSSL = "EmaA1jYoKaQgFAW7kWhXuDs3JPwg49pbFYu1TBvHhMU=";

    private final WebhookSignatures signatures = new WebhookSignatures(List.of(SECRET));

    @Test
    void the_signature_openssl_computes_matches() {
        assertThat(signatures.problem(List.of(OPENSSL), BODY)).isEmpty();
    }

    @Test
    void the_decoded_bytes_are_compared_not_the_text() {
        assertThat(signatures.problem(List.of(OPENSSL.substring(0, OPENSSL.length() - 1)), BODY)).as("without padding").isEmpty();
        assertThat(signatures.problem(List.of(" " + OPENSSL + " "), BODY)).as("with surrounding spaces").isEmpty();
        byte[] flipped = Base64.getDecoder().decode(OPENSSL);
        flipped[31] ^= 1;
        assertThat(signatures.problem(List.of(Base64.getEncoder().encodeToString(flipped)), BODY)).contains(
                "X-Shopify-Hmac-Sha256 does not match the body");
        assertThat(signatures.problem(List.of(OPENSSL.toLowerCase()), BODY)).isPresent();
    }

    @Test
    void any_secret_of_a_rotation_matches_and_no_secret_matches_nothing() {
        assertThat(new WebhookSignatures(List.of("shpss_new", SECRET)).problem(List.of(OPENSSL), BODY)).isEmpty();
        assertThat(new WebhookSignatures(List.of(SECRET, "shpss_new")).problem(List.of(OPENSSL), BODY)).isEmpty();
        assertThat(new WebhookSignatures(List.of()).problem(List.of(OPENSSL), BODY)).contains("SHOPIFY_API_SECRET is not set");
    }

    @Test
    void a_missing_repeated_truncated_or_hex_signature_is_refused_without_quoting_it() {
        assertThat(signatures.problem(List.of(), BODY)).contains("X-Shopify-Hmac-Sha256 is missing or repeated");
        assertThat(signatures.problem(List.of(OPENSSL, OPENSSL), BODY)).contains("X-Shopify-Hmac-Sha256 is missing or repeated");
        for (String malformed : List.of("", "%%%", OPENSSL.substring(0, 20),
                "1266 80d6 3628 29a4 2014 05bb 9168 57b8 3b37 24fc 20e3 da5b 158b b54c 1bc7 84c5".replace(" ", ""))) {
            assertThat(signatures.problem(List.of(malformed), BODY)).as(malformed).contains("X-Shopify-Hmac-Sha256 is not a base64 HMAC-SHA256");
        }
    }

    @Test
    void one_changed_byte_of_the_body_is_refused() {
        byte[] changed = BODY.clone();
        changed[changed.length - 4] = '1';
        assertThat(signatures.problem(List.of(OPENSSL), changed)).contains("X-Shopify-Hmac-Sha256 does not match the body");
    }
}
