package my.invois.einvoices.signing;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** What the signature blocks say about the certificate (reference §3.1 steps 4 and 5). */
record SignerCertificate(String base64Der, String digest, String issuerName, String serialNumber) {

    static SignerCertificate of(X509Certificate certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a loaded certificate could not be encoded", e);
        }
        return new SignerCertificate(Base64.getEncoder().encodeToString(der), Digests.sha256(der),
                issuerName(certificate), certificate.getSerialNumber().toString());
    }

    /**
     * The issuer's RDNs in RFC 2253 order (the reverse of DER order) joined with ", ": DS326 otherwise.
     * Reordering to CN, OU, O, C (as some SDKs do) is right only for CAs whose DER order is C…CN.
     */
    static String issuerName(X509Certificate certificate) {
        try {
            List<Rdn> rightToLeft = new ArrayList<>(new LdapName(
                    certificate.getIssuerX500Principal().getName(X500Principal.RFC2253)).getRdns());
            Collections.reverse(rightToLeft);
            return rightToLeft.stream().map(Rdn::toString).collect(Collectors.joining(", "));
        } catch (InvalidNameException e) {
            throw new IllegalStateException("the JDK's RFC 2253 name could not be parsed as one", e);
        }
    }
}
