package my.invois.einvoices.signing;

import static my.invois.einvoices.signing.SigningKeyException.Problem.EXPIRED;
import static my.invois.einvoices.signing.SigningKeyException.Problem.NOT_PKCS12;
import static my.invois.einvoices.signing.SigningKeyException.Problem.NOT_RSA;
import static my.invois.einvoices.signing.SigningKeyException.Problem.NOT_YET_VALID;
import static my.invois.einvoices.signing.SigningKeyException.Problem.NO_PRIVATE_KEY;
import static my.invois.einvoices.signing.SigningKeyException.Problem.SEVERAL_PRIVATE_KEYS;
import static my.invois.einvoices.signing.SigningKeyException.Problem.WRONG_PASSWORD;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Loads the one signing key of a PKCS#12 keystore (reference §3.5), with JDK crypto only. */
public final class SigningKeys {

    private SigningKeys() {
    }

    public static SigningKey fromPkcs12(byte[] keystore, char[] password) {
        return fromPkcs12(keystore, password, Instant.now());
    }

    public static SigningKey fromPkcs12(byte[] keystore, char[] password, Instant now) {
        try {
            KeyStore store = open(keystore, password);
            String alias = theOneKeyEntry(store);
            Key key = store.getKey(alias, password);
            if (!(key instanceof PrivateKey privateKey) || !"RSA".equals(key.getAlgorithm())) {
                throw new SigningKeyException(NOT_RSA, "the keystore's private key is " + key.getAlgorithm()
                        + ", not RSA: LHDN's signature is RSA with SHA-256");
            }
            if (!(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new SigningKeyException(NO_PRIVATE_KEY, "the keystore's private key has no X.509 certificate");
            }
            checkValidity(certificate, now);
            return new SigningKey(privateKey, certificate);
        } catch (UnrecoverableKeyException e) {
            throw new SigningKeyException(WRONG_PASSWORD, "the private key's password is not the keystore's password");
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(NOT_PKCS12, "the keystore could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyStore open(byte[] keystore, char[] password) throws KeyStoreException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(new ByteArrayInputStream(keystore), password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SigningKeyException(WRONG_PASSWORD, "the keystore password is wrong");
            }
            throw new SigningKeyException(NOT_PKCS12, "the keystore is not a PKCS#12 (.p12, .pfx) file");
        } catch (GeneralSecurityException e) {
            throw new SigningKeyException(NOT_PKCS12, "the keystore is not a PKCS#12 (.p12, .pfx) file");
        }
    }

    private static String theOneKeyEntry(KeyStore store) throws KeyStoreException {
        List<String> keys = Collections.list(store.aliases()).stream()
                .filter(alias -> isKeyEntry(store, alias))
                .toList();
        if (keys.isEmpty()) {
            throw new SigningKeyException(NO_PRIVATE_KEY, "the keystore holds no private key, only certificates");
        }
        if (keys.size() > 1) {
            throw new SigningKeyException(SEVERAL_PRIVATE_KEYS, "the keystore holds " + keys.size()
                    + " private keys: keep only the signing key and its certificate");
        }
        return keys.get(0);
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded keystore refused to list its entries", e);
        }
    }

    private static void checkValidity(X509Certificate certificate, Instant now) {
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            throw new SigningKeyException(NOT_YET_VALID, "the certificate is valid only from " + certificate.getNotBefore().toInstant());
        }
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            throw new SigningKeyException(EXPIRED, "the certificate expired on " + certificate.getNotAfter().toInstant());
        }
    }
}
