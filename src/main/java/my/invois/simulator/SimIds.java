package my.invois.simulator;

import java.security.SecureRandom;

/** LHDN-like identifiers: 26-character UUIDs and submission UIDs, longer long IDs, tokens. */
final class SimIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    String uid() {
        return text(26);
    }

    String longId() {
        return text(40);
    }

    String token() {
        return text(64);
    }

    private String text(int length) {
        var result = new char[length];
        for (int i = 0; i < length; i++) {
            result[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(result);
    }
}
