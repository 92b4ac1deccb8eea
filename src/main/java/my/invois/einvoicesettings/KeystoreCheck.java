package my.invois.einvoicesettings;

import java.util.Optional;

/**
 * E2: a merchant's own signing keystore must hold a certificate whose organizationIdentifier is
 * the merchant's TIN. The service takes the check as a collaborator ({@link CertificateOfTheTin} in
 * the app), so that its own tests need no real keystore.
 */
@FunctionalInterface
public interface KeystoreCheck {

    /** Empty when the keystore opens with the password and its certificate names this TIN (tin is empty while unset); else why not. */
    Optional<String> problem(byte[] keystore, String password, Optional<String> tin);
}
