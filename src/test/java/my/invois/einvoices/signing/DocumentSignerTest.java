package my.invois.einvoices.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import my.invois.einvoices.document.UblJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * E4: a document of ours, signed, checked by a second code path written here: the signed text
 * cut by hand, a plain Jackson mapper, and java.security (and openssl, when installed).
 */
class DocumentSignerTest {

    static final List<String> SIGNED = Samples.SIGNED;
    private static final char[] PASSWORD = "kedai-ali-p12".toCharArray();
    private static final Instant NOW = Instant.parse("2026-11-29T10:15:30.123456Z");
    private static final SigningKey KEY = SigningKeys.fromPkcs12(TestCertificate.pkcs12(
            new TestCertificate.Subject("Kedai Ali Sdn Bhd", "C20880050010", "202301234567"),
            PASSWORD, Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(365)), PASSWORD, NOW);
    private static final String DESCRIPTION = "Kuih lapis / Café D'Siti 中文";
    /** Configured here, apart from UblJson: exact numbers in, plain numbers out, nothing else. */
    private static final ObjectMapper SEPARATE = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final DocumentSigning signer = new DocumentSigner(KEY);

    @Test
    void a_document_of_ours_verifies_with_an_independent_code_path() throws Exception {
        byte[] signed = signer.sign(ourDocument(), NOW);

        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text).contains(DESCRIPTION).contains("1460.5").doesNotContain("\\u").doesNotContain("\\/");
        byte[] cut = cutSignatureByHand(text);
        JsonNode tree = new ObjectMapper().readTree(signed);
        assertThat(cut).isEqualTo(separatelyStripped(signed));
        assertIndependentlyValid(tree, cut);
    }

    @ParameterizedTest
    @FieldSource("SIGNED")
    void every_official_sample_resigned_with_our_key_verifies_independently(String name) throws Exception {
        byte[] signed = signer.sign(Samples.unsigned(Samples.read(name)), NOW);
        byte[] cut = cutSignatureByHand(new String(signed, StandardCharsets.UTF_8));
        assertThat(cut).isEqualTo(separatelyStripped(signed));
        assertIndependentlyValid(new ObjectMapper().readTree(signed), cut);
    }

    @Test
    void openssl_verifies_the_signature_and_refuses_a_changed_document(@TempDir Path directory) throws Exception {
        assumeTrue(opensslInstalled(), "openssl is not installed");
        byte[] signed = signer.sign(ourDocument(), NOW);
        byte[] cut = cutSignatureByHand(new String(signed, StandardCharsets.UTF_8));
        X509Certificate certificate = certificateOf(new ObjectMapper().readTree(signed));
        Files.writeString(directory.resolve("key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(certificate.getPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.write(directory.resolve("signature.bin"), Base64.getDecoder().decode(
                signatureOf(new ObjectMapper().readTree(signed)).at("/SignatureValue/0/_").asText()));
        Files.write(directory.resolve("document.json"), cut);
        Files.write(directory.resolve("changed.json"), new String(cut, StandardCharsets.UTF_8)
                .replace("1460.5", "1460.6").getBytes(StandardCharsets.UTF_8));

        assertThat(openssl(directory, "document.json")).isEqualTo(0);
        assertThat(openssl(directory, "changed.json")).isNotEqualTo(0);
    }

    @Test
    void the_signed_document_stripped_again_is_the_unsigned_bytes_and_the_input_is_untouched() {
        ObjectNode document = ourDocument();
        byte[] before = UblJson.write(document);
        JsonNode signed = UblJson.read(signer.sign(document, NOW));

        assertThat(UblJson.write(Samples.unsigned(signed))).isEqualTo(before);
        assertThat(UblJson.write(document)).isEqualTo(before);
        var keys = new ArrayList<String>();
        signed.get("Invoice").get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys.subList(keys.size() - 3, keys.size())).containsExactly("InvoiceLine", "UBLExtensions", "Signature");
    }

    @Test
    void the_signing_time_is_utc_to_the_second() {
        JsonNode signed = UblJson.read(signer.sign(ourDocument(), NOW));
        assertThat(Samples.qualifyingProperties(signed).at("/SignedProperties/0/SignedSignatureProperties/0/SigningTime/0/_").asText())
                .isEqualTo("2026-11-29T10:15:30Z");
    }

    @Test
    void a_document_that_is_not_version_1_1_or_is_signed_already_is_refused() {
        ObjectNode version10 = ourDocument();
        ((ObjectNode) version10.at("/Invoice/0/InvoiceTypeCode/0")).put("listVersionID", "1.0");
        assertThatThrownBy(() -> signer.sign(version10, NOW)).hasMessageContaining("listVersionID");
        assertThatThrownBy(() -> signer.sign(Samples.read("1.1-Invoice-Sample.json"), NOW)).hasMessageContaining("already signed");
        assertThatThrownBy(() -> signer.sign(UblJson.nodes().objectNode(), NOW)).hasMessageContaining("one Invoice");
    }

    @Test
    void version_1_0_is_written_unsigned_and_refuses_a_1_1_document() {
        ObjectNode version10 = Samples.read("1.0-Invoice-Sample.json");
        DocumentSigning unsigned = DocumentSigning.unsigned();
        assertThat(unsigned.version()).isEqualTo(EinvoiceVersion.V1_0);
        assertThat(unsigned.sign(version10, NOW)).isEqualTo(UblJson.write(version10));
        assertThatThrownBy(() -> unsigned.sign(ourDocument(), NOW)).hasMessageContaining("listVersionID");
    }

    /** LHDN's invoice sample, unsigned, with our number, text that must stay unescaped and an amount in minimal form. */
    private static ObjectNode ourDocument() {
        ObjectNode document = Samples.unsigned(Samples.read("1.1-Invoice-Sample.json"));
        ((ObjectNode) document.at("/Invoice/0/ID/0")).put("_", "INV000123");
        ((ObjectNode) document.at("/Invoice/0/InvoiceLine/0/Item/0/Description/0")).put("_", DESCRIPTION);
        ((ObjectNode) document.at("/Invoice/0/InvoiceLine/0/ItemPriceExtension/0/Amount/0")).put("_", new BigDecimal("1460.5"));
        return document;
    }

    /** The unsigned text is what precedes ,"UBLExtensions": with Invoice[0], Invoice and the root closed again. */
    private static byte[] cutSignatureByHand(String signed) {
        int start = signed.lastIndexOf(",\"UBLExtensions\":");
        assertThat(start).isPositive();
        assertThat(signed).endsWith("}]}]}]}");
        return (signed.substring(0, start) + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] separatelyStripped(byte[] signed) throws IOException {
        JsonNode tree = SEPARATE.readTree(signed);
        ((ObjectNode) tree.get("Invoice").get(0)).remove(List.of("UBLExtensions", "Signature"));
        return SEPARATE.writeValueAsBytes(tree);
    }

    private static void assertIndependentlyValid(JsonNode signed, byte[] unsigned) throws Exception {
        JsonNode signature = signatureOf(signed);
        X509Certificate certificate = certificateOf(signed);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(certificate.getPublicKey());
        rsa.update(unsigned);
        assertThat(rsa.verify(Base64.getDecoder().decode(signature.at("/SignatureValue/0/_").asText()))).isTrue();

        JsonNode references = signature.at("/SignedInfo/0/Reference");
        assertThat(references.get(1).path("URI").asText()).isEmpty();
        assertThat(references.get(1).at("/DigestValue/0/_").asText()).isEqualTo(sha256(unsigned));
        JsonNode qualifyingProperties = signature.at("/Object/0/QualifyingProperties/0");
        assertThat(qualifyingProperties.path("Target").asText()).isEqualTo("signature");
        assertThat(references.get(0).path("URI").asText()).isEqualTo("#id-xades-signed-props");
        assertThat(references.get(0).at("/DigestValue/0/_").asText())
                .isEqualTo(sha256(new ObjectMapper().writeValueAsBytes(qualifyingProperties)));

        JsonNode cert = qualifyingProperties.at("/SignedProperties/0/SignedSignatureProperties/0/SigningCertificate/0/Cert/0");
        assertThat(cert.at("/CertDigest/0/DigestValue/0/_").asText()).isEqualTo(sha256(certificate.getEncoded()));
        assertThat(cert.at("/IssuerSerial/0/X509SerialNumber/0/_").asText()).isEqualTo(certificate.getSerialNumber().toString(10));
        String issuer = cert.at("/IssuerSerial/0/X509IssuerName/0/_").asText();
        assertThat(issuer).startsWith("CN=Kedai Ali Sdn Bhd, ").endsWith(", O=Kedai Ali Sdn Bhd, C=MY");
        assertThat(signature.at("/KeyInfo/0/X509Data/0/X509SubjectName/0/_").asText()).isEqualTo(issuer);
        assertThat(signed.at("/Invoice/0/Signature/0/ID/0/_").asText()).isEqualTo("urn:oasis:names:specification:ubl:signature:Invoice");
    }

    private static JsonNode signatureOf(JsonNode signed) {
        return signed.at("/Invoice/0/UBLExtensions/0/UBLExtension/0/ExtensionContent/0/UBLDocumentSignatures/0"
                + "/SignatureInformation/0/Signature/0");
    }

    private static X509Certificate certificateOf(JsonNode signed) throws Exception {
        byte[] der = Base64.getDecoder().decode(signatureOf(signed).at("/KeyInfo/0/X509Data/0/X509Certificate/0/_").asText());
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static boolean opensslInstalled() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int openssl(Path directory, String document) throws Exception {
        Process process = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", "key.pem", "-signature", "signature.bin", document)
                .directory(directory.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
