package my.invois.einvoices.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import my.invois.einvoices.document.UblJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** E4: every official v1.1 sample's digests and signature, reproduced as reference §3.1 says. */
class OfficialSamplesSignatureTest {

    static final List<String> SIGNED = Samples.SIGNED;

    @ParameterizedTest
    @FieldSource("SIGNED")
    void the_document_digest_is_over_the_stripped_minified_document(String name) {
        ObjectNode sample = Samples.read(name);
        assertThat(Digests.sha256(UblJson.write(Samples.unsigned(sample)))).isEqualTo(Samples.referenceDigest(sample, ""));
    }

    @ParameterizedTest
    @FieldSource("SIGNED")
    void the_props_digest_is_over_the_whole_minified_qualifying_properties(String name) {
        ObjectNode sample = Samples.read(name);
        assertThat(Digests.sha256(UblJson.write(Samples.qualifyingProperties(sample))))
                .isEqualTo(Samples.referenceDigest(sample, "#id-xades-signed-props"));
    }

    @ParameterizedTest
    @FieldSource("SIGNED")
    void the_certificate_digest_issuer_name_and_decimal_serial_are_computed_from_the_certificate(String name) {
        ObjectNode sample = Samples.read(name);
        SignerCertificate computed = SignerCertificate.of(Samples.certificate(sample));
        JsonNode cert = Samples.qualifyingProperties(sample).at("/SignedProperties/0/SignedSignatureProperties/0/SigningCertificate/0/Cert/0");
        assertThat(computed.digest()).isEqualTo(cert.at("/CertDigest/0/DigestValue/0/_").asText());
        assertThat(computed.issuerName()).isEqualTo(cert.at("/IssuerSerial/0/X509IssuerName/0/_").asText());
        assertThat(computed.serialNumber()).matches("[0-9]+").isEqualTo(cert.at("/IssuerSerial/0/X509SerialNumber/0/_").asText());
    }

    @ParameterizedTest
    @FieldSource("SIGNED")
    void the_rsa_signature_verifies_over_the_stripped_document_with_the_samples_certificate(String name) throws Exception {
        ObjectNode sample = Samples.read(name);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        // The public key, not the certificate: the JDK refuses a critical KeyUsage of nonRepudiation alone.
        rsa.initVerify(Samples.certificate(sample).getPublicKey());
        rsa.update(UblJson.write(Samples.unsigned(sample)));
        assertThat(rsa.verify(Base64.getDecoder().decode(Samples.signature(sample).at("/SignatureValue/0/_").asText()))).isTrue();
    }

    /** RSA PKCS#1 v1.5 is deterministic: given the samples' values, our blocks must be LHDN's bytes. */
    @ParameterizedTest
    @FieldSource("SIGNED")
    void our_signature_blocks_filled_with_the_samples_values_are_the_samples_bytes(String name) {
        ObjectNode sample = Samples.read(name);
        JsonNode invoice = sample.get("Invoice").get(0);
        SignerCertificate certificate = SignerCertificate.of(Samples.certificate(sample));
        Instant signingTime = Instant.parse(Samples.qualifyingProperties(sample)
                .at("/SignedProperties/0/SignedSignatureProperties/0/SigningTime/0/_").asText());
        ObjectNode qualifyingProperties = SignatureBlocks.qualifyingProperties(certificate, signingTime);
        var extensions = SignatureBlocks.ublExtensions(certificate, qualifyingProperties,
                Samples.signature(sample).at("/SignatureValue/0/_").asText(),
                Samples.referenceDigest(sample, "#id-xades-signed-props"), Samples.referenceDigest(sample, ""));
        assertThat(UblJson.write(extensions)).isEqualTo(UblJson.write(invoice.get("UBLExtensions")));
        assertThat(UblJson.write(SignatureBlocks.signature())).isEqualTo(UblJson.write(invoice.get("Signature")));
    }

    @Test
    void the_certificates_tin_and_brn_are_read_from_the_subject() {
        X509Certificate lhdnTrial = Samples.certificate(Samples.read("sample-ul-invoice-2.1-signed.json"));
        SigningKey key = new SigningKey(null, lhdnTrial);
        assertThat(key.organizationIdentifier()).hasValue("C29702635060");
        assertThat(key.serialNumber()).hasValue("D12345678");
    }
}
