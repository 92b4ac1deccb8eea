package my.invois.einvoices.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import my.invois.einvoices.signing.SigningKeyException.Problem;
import my.invois.testing.LogCapture;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** E4 and anchors §1.12: the test certificate's profile, and every way a keystore can be refused. */
class TestCertificateTest {

    private static final char[] PASSWORD = "correct horse".toCharArray();
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final TestCertificate.Subject KEDAI_ALI = new TestCertificate.Subject("Kedai Ali Sdn Bhd", "C20880050010", "202301234567");
    private static final byte[] KEYSTORE = TestCertificate.pkcs12(KEDAI_ALI, PASSWORD, ISSUED, Duration.ofDays(365));
    private static final Instant DURING = ISSUED.plus(Duration.ofDays(100));

    @TempDir
    Path dataDir;

    @Test
    void the_certificate_has_lhdns_subject_profile_and_loads_from_its_pkcs12() throws Exception {
        SigningKey key = SigningKeys.fromPkcs12(KEYSTORE, PASSWORD, DURING);
        X509Certificate certificate = key.certificate();

        assertThat(key.organizationIdentifier()).hasValue("C20880050010");
        assertThat(key.serialNumber()).hasValue("202301234567");
        assertThat(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253,
                Map.of("2.5.4.97", "organizationIdentifier", "2.5.4.5", "serialNumber")))
                .isEqualTo("CN=Kedai Ali Sdn Bhd,serialNumber=202301234567,organizationIdentifier=C20880050010,O=Kedai Ali Sdn Bhd,C=MY");
        assertThat(certificate.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getExtendedKeyUsage()).contains("1.3.6.1.4.1.311.10.3.12");
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        certificate.verify(certificate.getPublicKey());
        assertThat(key.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(key.toString()).contains("Kedai Ali").doesNotContain(key.privateKey().toString());
    }

    @Test
    void a_wrong_password_is_a_clear_error_that_does_not_repeat_it() {
        assertThatThrownBy(() -> SigningKeys.fromPkcs12(KEYSTORE, "wrong horse".toCharArray(), DURING))
                .isInstanceOfSatisfying(SigningKeyException.class, e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_PASSWORD))
                .hasMessage("the keystore password is wrong");
    }

    @Test
    void a_keystore_that_cannot_sign_today_is_refused_with_its_reason() {
        assertProblem(() -> SigningKeys.fromPkcs12("not a keystore".getBytes(), PASSWORD, DURING), Problem.NOT_PKCS12, "not a PKCS#12");
        assertProblem(() -> SigningKeys.fromPkcs12(KEYSTORE, PASSWORD, ISSUED.plus(Duration.ofDays(366))), Problem.EXPIRED, "expired on 2027-01-01");
        assertProblem(() -> SigningKeys.fromPkcs12(KEYSTORE, PASSWORD, ISSUED.minusSeconds(1)), Problem.NOT_YET_VALID, "valid only from");
    }

    @Test
    void a_keystore_must_hold_exactly_one_rsa_key() throws Exception {
        KeyStore.PrivateKeyEntry ours = entry(KEYSTORE);
        assertProblem(() -> SigningKeys.fromPkcs12(store(s -> s.setCertificateEntry("ca", ours.getCertificate())), PASSWORD, DURING),
                Problem.NO_PRIVATE_KEY, "no private key");
        assertProblem(() -> SigningKeys.fromPkcs12(store(s -> {
            s.setEntry("one", ours, new KeyStore.PasswordProtection(PASSWORD));
            s.setEntry("two", entry(TestCertificate.pkcs12(KEDAI_ALI, PASSWORD, ISSUED, Duration.ofDays(365))), new KeyStore.PasswordProtection(PASSWORD));
        }), PASSWORD, DURING), Problem.SEVERAL_PRIVATE_KEYS, "2 private keys");
        assertProblem(() -> SigningKeys.fromPkcs12(store(s -> s.setEntry("ec", ecEntry(), new KeyStore.PasswordProtection(PASSWORD))), PASSWORD, DURING),
                Problem.NOT_RSA, "EC, not RSA");
    }

    @Test
    void the_zero_set_up_key_is_created_once_owner_only_and_kept_across_restarts() throws Exception {
        SigningKey first;
        try (LogCapture log = LogCapture.of(TestCertificate.class)) {
            first = TestCertificate.loadOrCreate(dataDir, ISSUED);
            assertThat(log.lines(Level.INFO)).singleElement().asString().contains("self-signed TEST certificate", "reject");
        }
        Path file = dataDir.resolve("signing-test.p12");
        Path passwordFile = dataDir.resolve("signing-test.p12.password");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(passwordFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(first.organizationIdentifier()).hasValue(TestCertificate.ZERO_SET_UP.tin());
        assertThat(first.serialNumber()).hasValue(TestCertificate.ZERO_SET_UP.brn());
        char[] password = Files.readString(passwordFile).strip().toCharArray();
        assertThat(SigningKeys.fromPkcs12(Files.readAllBytes(file), password, DURING).certificate()).isEqualTo(first.certificate());

        assertThat(TestCertificate.loadOrCreate(dataDir, DURING).certificate()).isEqualTo(first.certificate());
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("signing-test.p12", "signing-test.p12.password");
        }
    }

    @Test
    void instances_starting_at_once_on_one_data_directory_share_one_key() throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(3);
        try {
            var barrier = new CyclicBarrier(3);
            List<Future<SigningKey>> keys = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                keys.add(starts.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return TestCertificate.loadOrCreate(dataDir, ISSUED);
                }));
            }
            var certificates = new ArrayList<X509Certificate>();
            for (Future<SigningKey> key : keys) {
                certificates.add(key.get(60, TimeUnit.SECONDS).certificate());
            }
            assertThat(certificates).containsOnly(TestCertificate.loadOrCreate(dataDir, ISSUED).certificate());
        } finally {
            starts.shutdownNow();
        }
    }

    @Test
    void an_expired_zero_set_up_key_is_replaced_and_a_broken_one_is_reported() throws Exception {
        SigningKey first = TestCertificate.loadOrCreate(dataDir, ISSUED);
        Instant later = ISSUED.plus(TestCertificate.VALIDITY).plus(Duration.ofDays(1));
        SigningKey renewed = TestCertificate.loadOrCreate(dataDir, later);
        assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
        assertThat(renewed.notAfter()).isAfter(later);

        Files.writeString(dataDir.resolve("signing-test.p12.password"), "something else\n");
        assertThatThrownBy(() -> TestCertificate.loadOrCreate(dataDir, later))
                .hasMessageContaining("signing-test.p12").hasMessageContaining("password is wrong").hasMessageContaining("delete it");
    }

    private static void assertProblem(ThrowingCallable load, Problem problem, String message) {
        assertThatThrownBy(load)
                .isInstanceOfSatisfying(SigningKeyException.class, e -> assertThat(e.problem()).isEqualTo(problem))
                .hasMessageContaining(message)
                .message().doesNotContain(new String(PASSWORD));
    }

    private interface Filling {
        void fill(KeyStore store) throws Exception;
    }

    private static byte[] store(Filling filling) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        filling.fill(store);
        var out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        return out.toByteArray();
    }

    private static KeyStore.PrivateKeyEntry entry(byte[] keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(keystore), PASSWORD);
        return (KeyStore.PrivateKeyEntry) store.getEntry("signing", new KeyStore.PasswordProtection(PASSWORD));
    }

    private static KeyStore.PrivateKeyEntry ecEntry() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=EC signer, C=MY");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(ISSUED), Date.from(ISSUED.plus(Duration.ofDays(365))), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        return new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {certificate});
    }
}
