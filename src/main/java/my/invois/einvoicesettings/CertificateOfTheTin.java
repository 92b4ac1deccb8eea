package my.invois.einvoicesettings;

import java.time.Clock;
import java.util.Optional;
import my.invois.einvoices.signing.SigningKey;
import my.invois.einvoices.signing.SigningKeyException;
import my.invois.einvoices.signing.SigningKeys;

/**
 * E2: a merchant's own keystore must open with its password and hold one RSA signing key whose
 * certificate names the merchant's TIN as organizationIdentifier; LHDN refuses a document signed
 * otherwise (DS307 without one, DS311 for another TIN).
 */
public final class CertificateOfTheTin implements KeystoreCheck {

    private final Clock clock;

    public CertificateOfTheTin(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<String> problem(byte[] keystore, String password, Optional<String> tin) {
        SigningKey key;
        try {
            key = SigningKeys.fromPkcs12(keystore, password.toCharArray(), clock.instant());
        } catch (SigningKeyException e) {
            return Optional.of("The keystore cannot sign: " + e.getMessage());
        }
        Optional<String> named = key.organizationIdentifier();
        if (named.isEmpty()) {
            return Optional.of("The certificate has no organizationIdentifier (the TIN): LHDN refuses it (DS307)");
        }
        if (tin.isPresent() && !named.get().equalsIgnoreCase(tin.get())) {
            return Optional.of("The certificate names TIN " + named.get() + ", not " + tin.get() + " (LHDN answers DS311)");
        }
        return Optional.empty();
    }
}
