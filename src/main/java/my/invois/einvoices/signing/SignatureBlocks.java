package my.invois.einvoices.signing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import my.invois.einvoices.document.UblJson;

/** The UBLExtensions and Signature blocks exactly as in LHDN's signed samples (reference §3.2). */
final class SignatureBlocks {

    private static final JsonNodeFactory NODES = UblJson.nodes();
    private static final String XADES = "urn:oasis:names:specification:ubl:dsig:enveloped:xades";
    private static final String INVOICE_SIGNATURE = "urn:oasis:names:specification:ubl:signature:Invoice";
    private static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final String SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903/v1.3.2#SignedProperties";
    private static final String SIGNED_PROPERTIES_ID = "id-xades-signed-props";

    private SignatureBlocks() {
    }

    /** The whole object the props digest covers, {@code Target} included (DS320 otherwise). */
    static ObjectNode qualifyingProperties(SignerCertificate certificate, Instant signingTime) {
        ObjectNode cert = NODES.objectNode();
        cert.set("CertDigest", one(NODES.objectNode()
                .<ObjectNode>set("DigestMethod", algorithm(SHA256))
                .set("DigestValue", value(certificate.digest()))));
        cert.set("IssuerSerial", issuerSerial(certificate));
        ObjectNode signedSignatureProperties = NODES.objectNode();
        signedSignatureProperties.set("SigningTime", value(signingTime.truncatedTo(ChronoUnit.SECONDS).toString()));
        signedSignatureProperties.set("SigningCertificate", one(NODES.objectNode().set("Cert", one(cert))));
        ObjectNode signedProperties = NODES.objectNode().put("Id", SIGNED_PROPERTIES_ID);
        signedProperties.set("SignedSignatureProperties", one(signedSignatureProperties));
        return NODES.objectNode().put("Target", "signature").set("SignedProperties", one(signedProperties));
    }

    static ArrayNode ublExtensions(SignerCertificate certificate, ObjectNode qualifyingProperties,
                                   String signatureValue, String propsDigest, String docDigest) {
        ObjectNode signature = NODES.objectNode().put("Id", "signature");
        signature.set("Object", one(NODES.objectNode().set("QualifyingProperties", one(qualifyingProperties))));
        signature.set("KeyInfo", keyInfo(certificate));
        signature.set("SignatureValue", value(signatureValue));
        signature.set("SignedInfo", signedInfo(propsDigest, docDigest));
        ObjectNode information = NODES.objectNode();
        information.set("ID", value("urn:oasis:names:specification:ubl:signature:1"));
        information.set("ReferencedSignatureID", value(INVOICE_SIGNATURE));
        information.set("Signature", one(signature));
        ObjectNode extension = NODES.objectNode();
        extension.set("ExtensionURI", value(XADES));
        extension.set("ExtensionContent", one(NODES.objectNode()
                .set("UBLDocumentSignatures", one(NODES.objectNode().set("SignatureInformation", one(information))))));
        return one(NODES.objectNode().set("UBLExtension", one(extension)));
    }

    static ArrayNode signature() {
        return one(NODES.objectNode()
                .<ObjectNode>set("ID", value(INVOICE_SIGNATURE))
                .set("SignatureMethod", value(XADES)));
    }

    /** LHDN's samples name the issuer in X509SubjectName too; it is not hashed, so we do the same. */
    private static ArrayNode keyInfo(SignerCertificate certificate) {
        ObjectNode data = NODES.objectNode();
        data.set("X509Certificate", value(certificate.base64Der()));
        data.set("X509SubjectName", value(certificate.issuerName()));
        data.set("X509IssuerSerial", issuerSerial(certificate));
        return one(NODES.objectNode().set("X509Data", one(data)));
    }

    private static ArrayNode signedInfo(String propsDigest, String docDigest) {
        ArrayNode references = NODES.arrayNode()
                .add(reference(SIGNED_PROPERTIES_TYPE, "#" + SIGNED_PROPERTIES_ID, propsDigest))
                .add(reference("", "", docDigest));
        return one(NODES.objectNode()
                .<ObjectNode>set("SignatureMethod", algorithm(RSA_SHA256))
                .set("Reference", references));
    }

    private static ObjectNode reference(String type, String uri, String digest) {
        ObjectNode reference = NODES.objectNode().put("Type", type).put("URI", uri);
        reference.set("DigestMethod", algorithm(SHA256));
        reference.set("DigestValue", value(digest));
        return reference;
    }

    private static ArrayNode issuerSerial(SignerCertificate certificate) {
        return one(NODES.objectNode()
                .<ObjectNode>set("X509IssuerName", value(certificate.issuerName()))
                .set("X509SerialNumber", value(certificate.serialNumber())));
    }

    private static ArrayNode algorithm(String uri) {
        return one(NODES.objectNode().put("_", "").put("Algorithm", uri));
    }

    private static ArrayNode value(String text) {
        return one(NODES.objectNode().put("_", text));
    }

    private static ArrayNode one(ObjectNode node) {
        return NODES.arrayNode().add(node);
    }
}
