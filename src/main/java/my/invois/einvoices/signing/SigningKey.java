package my.invois.einvoices.signing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** A private key and its certificate, as loaded from a PKCS#12 keystore. */
public record SigningKey(PrivateKey privateKey, X509Certificate certificate) {

    private static final Map<String, String> NAMES = Map.of("2.5.4.97", "organizationIdentifier", "2.5.4.5", "serialNumber");

    /** The certificate's TIN (anchors §1.12: organizationIdentifier, OID 2.5.4.97); DS311 if it is not the signer's. */
    public Optional<String> organizationIdentifier() {
        return subjectAttribute(BCStyle.ORGANIZATION_IDENTIFIER);
    }

    /** The certificate's BRN (anchors §1.12: serialNumber, OID 2.5.4.5); DS312 if it is not the signer's. */
    public Optional<String> serialNumber() {
        return subjectAttribute(BCStyle.SERIALNUMBER);
    }

    /** RFC 2253, with LHDN's two attributes by name rather than as hex. */
    public String subject() {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253, NAMES);
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    private Optional<String> subjectAttribute(ASN1ObjectIdentifier type) {
        RDN[] rdns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).getRDNs(type);
        return Arrays.stream(rdns)
                .map(rdn -> rdn.getFirst().getValue())
                .map(value -> value instanceof ASN1String text ? text.getString() : value.toString())
                .findFirst();
    }

    /** Never the key material. */
    @Override
    public String toString() {
        return "SigningKey[" + subject() + ", serial " + certificate.getSerialNumber() + "]";
    }
}
