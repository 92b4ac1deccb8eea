package my.invois.einvoicesettings;

import java.util.Optional;

/**
 * E2: a merchant's own signing keystore must hold a certificate whose organizationIdentifier is
 * the merchant's TIN. Reading PKCS#12 belongs to the signing code, so the check arrives through
 * this seam; {@link #NOT_CHECKED} accepts any keystore until that code is wired in.
 */
@FunctionalInterface
public interface KeystoreCheck {

    KeystoreCheck NOT_CHECKED = (keystore, password, tin) -> Optional.empty();

    /** Empty when the keystore opens with the password and its certificate names this TIN (tin is empty while unset); else why not. */
    Optional<String> problem(byte[] keystore, String password, Optional<String> tin);
}
