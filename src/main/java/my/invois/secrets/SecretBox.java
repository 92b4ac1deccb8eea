package my.invois.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every stored secret (E1 INVOIS_SECRET_KEY) with AES-256-GCM from the JDK. A sealed
 * value is: one key-version byte, a random 12-byte nonce, then the ciphertext with its 16-byte
 * tag. The version byte lets a later key rotation tell which key sealed a value; today there is
 * one key, version 1. The context (e.g. the organization and the field) is bound as associated
 * data, so a sealed value copied into another row or column does not open.
 */
public final class SecretBox {

    public static final int KEY_BYTES = 32;
    static final byte KEY_VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final String MAC = "HmacSHA256";
    /** Fingerprints use a key of their own, derived from the secret key: one key never serves two algorithms. */
    private static final byte[] FINGERPRINT_KEY_LABEL = "invois fingerprint key v1".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final SecretKeySpec fingerprintKey;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.fingerprintKey = new SecretKeySpec(hmac(new SecretKeySpec(key, MAC), FINGERPRINT_KEY_LABEL), MAC);
    }

    /** The key as INVOIS_SECRET_KEY holds it: 32 bytes in base64. */
    public static SecretBox fromBase64(String key) {
        return new SecretBox(Base64.getDecoder().decode(key));
    }

    public Sealed seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] ciphertext = cipher.doFinal(plaintext);
            return new Sealed(ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length)
                    .put(KEY_VERSION).put(nonce).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    public Sealed seal(String plaintext, String context) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    /** The plaintext; a SecretBoxException when another key or context sealed it, or its bytes were altered. */
    public byte[] open(Sealed sealed, String context) {
        byte[] bytes = sealed.bytes();
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("the sealed secret is too short to be one (" + bytes.length + " bytes)", null);
        }
        if (bytes[0] != KEY_VERSION) {
            throw new SecretBoxException("the secret was sealed with key version " + bytes[0]
                    + ", but this server holds only version " + KEY_VERSION, null);
        }
        byte[] nonce = Arrays.copyOfRange(bytes, 1, 1 + NONCE_BYTES);
        try {
            return cipher(Cipher.DECRYPT_MODE, nonce, context).doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("the secret does not open with INVOIS_SECRET_KEY: sealed with another key,"
                    + " for another field, or altered", e);
        }
    }

    public String openText(Sealed sealed, String context) {
        return new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    /**
     * A keyed fingerprint of {@code text} (HMAC-SHA256, hex) for looking a value up without storing it:
     * equal texts in one context match, and without the key a fingerprint neither reveals nor
     * confirms its text, even one as guessable as an identity number.
     */
    public String fingerprint(String text, String context) {
        byte[] message = (context + "\n" + text).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(hmac(fingerprintKey, message));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretBox[****]";
    }
}
