package my.invois.einvoices.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import my.invois.einvoices.document.UblJson;

/** LHDN's official signed samples (test resources) and the parts of them the tests compare. */
final class Samples {

    static final List<String> SIGNED = List.of(
            "1.1-Invoice-Sample.json", "1.1-Invoice-Consolidated-Sample.json", "1.1-Invoice-ForeignCurrency-Sample.json",
            "1.1-Invoice-MultiLineItem-Sample.json", "1.1-Credit-Note-Sample.json", "1.1-Debit-Note-Sample.json",
            "1.1-Refund-Note-Sample.json", "1.1-Self-Billed-Invoice-Sample.json", "1.1-Self-Billed-Credit-Sample.json",
            "1.1-Self-Billed-Debit-Sample.json", "1.1-Self-Billed-Refund-Sample.json", "sample-ul-invoice-2.1-signed.json");

    private Samples() {
    }

    static ObjectNode read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/lhdn/samples/" + name)) {
            return (ObjectNode) UblJson.read(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as it was before signing: UBLExtensions and Signature removed from Invoice[0]. */
    static ObjectNode unsigned(JsonNode signed) {
        ObjectNode copy = signed.deepCopy();
        ((ObjectNode) copy.get("Invoice").get(0)).remove(List.of("UBLExtensions", "Signature"));
        return copy;
    }

    static JsonNode signature(JsonNode signed) {
        return signed.at("/Invoice/0/UBLExtensions/0/UBLExtension/0/ExtensionContent/0/UBLDocumentSignatures/0"
                + "/SignatureInformation/0/Signature/0");
    }

    static JsonNode qualifyingProperties(JsonNode signed) {
        return signature(signed).at("/Object/0/QualifyingProperties/0");
    }

    static String referenceDigest(JsonNode signed, String uri) {
        for (JsonNode reference : signature(signed).at("/SignedInfo/0/Reference")) {
            if (reference.path("URI").asText().equals(uri)) {
                return reference.at("/DigestValue/0/_").asText();
            }
        }
        throw new AssertionError("no reference with URI '" + uri + "'");
    }

    static X509Certificate certificate(JsonNode signed) {
        byte[] der = Base64.getDecoder().decode(signature(signed).at("/KeyInfo/0/X509Data/0/X509Certificate/0/_").asText());
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }
}
