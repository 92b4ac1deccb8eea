package my.invois.secrets;

import java.util.Arrays;

/** A secret as SecretBox sealed it: key version, nonce, ciphertext and tag. Safe to store and to print. */
public record Sealed(byte[] bytes) {

    public Sealed {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sealed sealed && Arrays.equals(bytes, sealed.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Sealed[****]";
    }
}
