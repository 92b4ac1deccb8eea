package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * LHDN's Document Signature validator for v1.1 (reference §3.1), recomputed from the bytes:
 * document digest over the minified document without UBLExtensions and Signature (DS322), props
 * digest over the whole QualifyingProperties (DS320), certificate digest, issuer name (DS326),
 * serial, and SHA256withRSA with the embedded certificate. The certificate's chain is not
 * checked: the simulator trusts any CA (docs/SIMULATOR.md). Pure.
 */
final class SignatureValidator {

    static final String DOCUMENT_DIGEST = "DS322";
    static final String PROPS_DIGEST = "DS320";
    static final String ISSUER_NAME = "DS326";
    static final String MISSING = "DS-MISSING";
    static final String CERTIFICATE = "DS-CERTIFICATE";
    static final String CERTIFICATE_DIGEST = "DS-CERTDIGEST";
    static final String SERIAL = "DS-SERIAL";
    static final String SIGNATURE_VALUE = "DS-SIGNATURE";
    static final String SIGNING_TIME = "DS-SIGNINGTIME";
    static final String PROPS_URI = "#id-xades-signed-props";
    private static final String SIGNED_INFO = "Invoice.UBLExtensions.UBLExtension.ExtensionContent.UBLDocumentSignatures"
            + ".SignatureInformation.Signature.SignedInfo";
    private static final String CERT = "Invoice.UBLExtensions.UBLExtension.ExtensionContent.UBLDocumentSignatures"
            + ".SignatureInformation.Signature.Object.QualifyingProperties.SignedProperties.SignedSignatureProperties"
            + ".SigningCertificate.Cert";

    private SignatureValidator() {
    }

    static List<StepError> validate(JsonNode document) {
        JsonNode signature = Certificates.signature(document);
        if (signature.isMissingNode() || Ubl.invoice(document).path("Signature").isMissingNode()) {
            return List.of(StepError.of("Invoice.UBLExtensions", MISSING, "A v1.1 document must carry UBLExtensions and Signature"));
        }
        Optional<X509Certificate> certificate = Certificates.embedded(document);
        if (certificate.isEmpty()) {
            return List.of(StepError.of(SIGNED_INFO.replace("SignedInfo", "KeyInfo.X509Data.X509Certificate"), CERTIFICATE,
                    "The embedded X509Certificate is not a readable certificate"));
        }
        var errors = new ArrayList<StepError>();
        byte[] unsigned = Ubl.unsignedBytes(document);
        boolean documentIntact = digests(signature, unsigned, errors);
        certificate(signature, certificate.get(), errors);
        if (documentIntact && !verifies(certificate.get(), unsigned, Ubl.text(signature, "SignatureValue").orElse(""))) {
            errors.add(StepError.of(SIGNED_INFO.replace("SignedInfo", "SignatureValue"), SIGNATURE_VALUE,
                    "The signature value does not verify with the embedded certificate over the document"));
        }
        return errors;
    }

    /** True when the document digest matches, so that the RSA check adds a cause of its own. */
    private static boolean digests(JsonNode signature, byte[] unsigned, List<StepError> errors) {
        boolean intact = Hashes.base64(unsigned).equals(reference(signature, "").orElse(null));
        if (!intact) {
            errors.add(StepError.of(SIGNED_INFO + ".Reference@URI=\"\".DigestValue", DOCUMENT_DIGEST,
                    "Document digest value doesn't match digest calculated value from the provided document."));
        }
        JsonNode properties = Ubl.first(signature, "Object", "QualifyingProperties");
        if (!Hashes.base64(Ubl.minified(properties)).equals(reference(signature, PROPS_URI).orElse(null))) {
            errors.add(StepError.of(SIGNED_INFO + ".Reference@Type=\"http://uri.etsi.org/01903/v1.3.2#SignedProperties\".DigestValue",
                    PROPS_DIGEST, "Signed properties digest value doesn't match digest calculated value from provided signed "
                            + "properties section where ID is id-xades-signed-props."));
        }
        return intact;
    }

    private static void certificate(JsonNode signature, X509Certificate certificate, List<StepError> errors) {
        JsonNode properties = Ubl.first(signature, "Object", "QualifyingProperties", "SignedProperties", "SignedSignatureProperties");
        JsonNode cert = Ubl.first(properties, "SigningCertificate", "Cert");
        try {
            if (!Hashes.base64(certificate.getEncoded()).equals(Ubl.text(cert, "CertDigest", "DigestValue").orElse(null))) {
                errors.add(StepError.of(CERT + ".CertDigest.DigestValue", CERTIFICATE_DIGEST,
                        "The certificate digest doesn't match the digest of the embedded certificate"));
            }
        } catch (GeneralSecurityException e) {
            errors.add(StepError.of(CERT, CERTIFICATE, "The embedded certificate cannot be encoded"));
        }
        if (!Certificates.issuerName(certificate).equals(Ubl.text(cert, "IssuerSerial", "X509IssuerName").orElse(null))) {
            errors.add(StepError.of(CERT + ".IssuerSerial.X509IssuerName", ISSUER_NAME,
                    "The issuer name doesn't match the certificate's issuer (" + Certificates.issuerName(certificate) + ")"));
        }
        if (!certificate.getSerialNumber().toString().equals(Ubl.text(cert, "IssuerSerial", "X509SerialNumber").orElse(null))) {
            errors.add(StepError.of(CERT + ".IssuerSerial.X509SerialNumber", SERIAL,
                    "The serial number doesn't match the certificate's serial, in decimal"));
        }
        if (!validAt(certificate, Ubl.text(properties, "SigningTime").orElse(""))) {
            errors.add(StepError.of(CERT.replace("SigningCertificate.Cert", "SigningTime"), SIGNING_TIME,
                    "The signing time is missing or outside the certificate's validity"));
        }
    }

    private static boolean verifies(X509Certificate certificate, byte[] unsigned, String signatureValue) {
        try {
            var verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(unsigned);
            return verifier.verify(Base64.getMimeDecoder().decode(signatureValue));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validAt(X509Certificate certificate, String signingTime) {
        try {
            certificate.checkValidity(Date.from(Instant.parse(signingTime)));
            return true;
        } catch (DateTimeParseException | GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<String> reference(JsonNode signature, String uri) {
        for (JsonNode reference : Ubl.all(Ubl.first(signature, "SignedInfo"), "Reference")) {
            if (uri.equals(reference.path("URI").asText(null))) {
                return Ubl.text(reference, "DigestValue");
            }
        }
        return Optional.empty();
    }
}
