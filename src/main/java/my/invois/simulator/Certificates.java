package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** The signing certificate embedded in a v1.1 document, and the names LHDN compares with it. */
final class Certificates {

    static final String ORGANIZATION_IDENTIFIER = "2.5.4.97";

    private Certificates() {
    }

    /** The Signature element inside UBLExtensions (reference §3.2), or a missing node. */
    static JsonNode signature(JsonNode document) {
        return Ubl.first(Ubl.invoice(document), "UBLExtensions", "UBLExtension", "ExtensionContent",
                "UBLDocumentSignatures", "SignatureInformation", "Signature");
    }

    static Optional<X509Certificate> embedded(JsonNode document) {
        return Ubl.text(signature(document), "KeyInfo", "X509Data", "X509Certificate").flatMap(Certificates::parse);
    }

    static Optional<X509Certificate> parse(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64);
            var certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return Optional.of((X509Certificate) certificate);
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The issuer DN as LHDN writes X509IssuerName: RFC 2253 order, RDNs joined with ", ". */
    static String issuerName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new ArrayList<>(new LdapName(certificate.getIssuerX500Principal().getName(X500Principal.RFC2253)).getRdns());
            Collections.reverse(rdns);
            return String.join(", ", rdns.stream().map(Rdn::toString).toList());
        } catch (InvalidNameException e) {
            return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
        }
    }

    /** The subject's organizationIdentifier (the TIN in LHDN's certificate profile), if any. */
    static Optional<String> organizationIdentifier(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(ORGANIZATION_IDENTIFIER) || rdn.getType().equalsIgnoreCase("OID." + ORGANIZATION_IDENTIFIER)) {
                    return Optional.of(text(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** An unknown attribute type comes as its DER value ("#0c0c…"): a one-byte tag, a length, the text. */
    private static String text(Object value) {
        if (value instanceof byte[] der && der.length >= 2) {
            int offset = (der[1] & 0x80) == 0 ? 2 : 2 + (der[1] & 0x7f);
            return new String(der, offset, der.length - offset, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
