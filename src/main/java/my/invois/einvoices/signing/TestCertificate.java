package my.invois.einvoices.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-signed certificate with LHDN's subject profile (anchors §1.12), for the zero-set-up run
 * and for tests. It proves the cryptography only: LHDN accepts certificates of MCMC-licensed CAs.
 */
public final class TestCertificate {

    /** The made-up identity of the zero-set-up signer; LHDN knows no such taxpayer. */
    public static final Subject ZERO_SET_UP = new Subject("Invois TEST signer", "C00000000000", "000000000000");
    static final String FILE_NAME = "signing-test.p12";
    static final String PASSWORD_FILE_NAME = "signing-test.p12.password";
    static final Duration VALIDITY = Duration.ofDays(5 * 365);
    private static final ASN1ObjectIdentifier DOCUMENT_SIGNING = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.12");
    private static final Logger log = LoggerFactory.getLogger(TestCertificate.class);

    /** CN and O are the organisation's name, organizationIdentifier its TIN, serialNumber its BRN. */
    public record Subject(String organizationName, String tin, String brn) {
    }

    private TestCertificate() {
    }

    /** A PKCS#12 keystore holding one RSA-2048 key and its certificate, valid from {@code notBefore}. */
    public static byte[] pkcs12(Subject subject, char[] password, Instant notBefore, Duration validity) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("signing", pair.getPrivate(), password,
                    new Certificate[] {certificate(subject, pair, notBefore.truncatedTo(ChronoUnit.SECONDS), validity)});
            var out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not generate a test certificate", e);
        }
    }

    /**
     * The zero-set-up signing key, kept in the data directory so that it stays the same across
     * restarts; a new one replaces it once it has expired.
     */
    public static SigningKey loadOrCreate(Path dataDir, Instant now) {
        Path file = dataDir.resolve(FILE_NAME);
        Path passwordFile = dataDir.resolve(PASSWORD_FILE_NAME);
        try {
            Optional<SigningKey> kept = Files.exists(file) ? unexpired(file, passwordFile, now) : Optional.empty();
            SigningKey key = kept.isPresent() ? kept.get() : create(dataDir, file, passwordFile, now);
            log.info("No INVOIS_SIGNING_KEYSTORE set: signing with the self-signed TEST certificate in {};"
                    + " LHDN's production system would reject it", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the test signing certificate in " + file, e);
        }
    }

    private static X509Certificate certificate(Subject subject, KeyPair pair, Instant notBefore, Duration validity)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "MY")
                .addRDN(BCStyle.O, subject.organizationName())
                .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, subject.tin())
                .addRDN(BCStyle.SERIALNUMBER, subject.brn())
                .addRDN(BCStyle.CN, subject.organizationName())
                .build();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                Date.from(notBefore), Date.from(notBefore.plus(validity)), name, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.nonRepudiation | KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.getInstance(DOCUMENT_SIGNING)));
        // The JDK's provider signs; BouncyCastle only lays out the certificate.
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static Optional<SigningKey> unexpired(Path file, Path passwordFile, Instant now) throws IOException {
        try {
            return Optional.of(SigningKeys.fromPkcs12(Files.readAllBytes(file), password(passwordFile), now));
        } catch (SigningKeyException e) {
            if (e.problem() != SigningKeyException.Problem.EXPIRED) {
                throw new IllegalStateException(file + " cannot be used (" + e.getMessage()
                        + "): delete it and its password file to generate a new test certificate", e);
            }
            log.info("The test signing certificate in {} has expired: generating a new one", file);
            Files.deleteIfExists(file);
            Files.deleteIfExists(passwordFile);
            return Optional.empty();
        }
    }

    /**
     * Password first, keystore second, each linked into place whole and only if absent: instances
     * starting at once on one data directory all end up with the first one's files.
     */
    private static SigningKey create(Path dataDir, Path file, Path passwordFile, Instant now) throws IOException {
        Files.createDirectories(dataDir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        keepFirst(passwordFile, (generated + "\n").getBytes(StandardCharsets.UTF_8));
        char[] password = password(passwordFile);
        keepFirst(file, pkcs12(ZERO_SET_UP, password, now, VALIDITY));
        return SigningKeys.fromPkcs12(Files.readAllBytes(file), password, now);
    }

    private static void keepFirst(Path file, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // another instance was first: its file is the one to use
        } finally {
            Files.delete(temporary);
        }
    }

    private static char[] password(Path passwordFile) throws IOException {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
    }
}
