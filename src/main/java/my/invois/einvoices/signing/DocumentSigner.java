package my.invois.einvoices.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import my.invois.einvoices.document.UblJson;

/** Version 1.1: LHDN's enveloped signature in JSON, step by step as reference §3.1. */
public final class DocumentSigner implements DocumentSigning {

    private final SigningKey key;
    private final SignerCertificate certificate;

    public DocumentSigner(SigningKey key) {
        this.key = key;
        this.certificate = SignerCertificate.of(key.certificate());
    }

    @Override
    public byte[] sign(JsonNode document, Instant signingTime) {
        DocumentSigning.invoice(document, EinvoiceVersion.V1_1);
        byte[] unsigned = UblJson.write(document);
        ObjectNode qualifyingProperties = SignatureBlocks.qualifyingProperties(certificate, signingTime);
        String propsDigest = Digests.sha256(UblJson.write(qualifyingProperties));
        JsonNode signed = document.deepCopy();
        // Appended after InvoiceLine, as LHDN does: removing them again gives the unsigned bytes exactly.
        ObjectNode invoice = DocumentSigning.invoice(signed, EinvoiceVersion.V1_1);
        invoice.set("UBLExtensions", SignatureBlocks.ublExtensions(certificate, qualifyingProperties,
                signatureValue(unsigned), propsDigest, Digests.sha256(unsigned)));
        invoice.set("Signature", SignatureBlocks.signature());
        return UblJson.write(signed);
    }

    @Override
    public EinvoiceVersion version() {
        return EinvoiceVersion.V1_1;
    }

    /** RSA PKCS#1 v1.5 over SHA-256 of the document bytes only, not of SignedInfo (reference §3.1 step 3). */
    private String signatureValue(byte[] unsigned) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(unsigned);
            return Base64.getEncoder().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an RSA key loaded for signing could not sign", e);
        }
    }
}
