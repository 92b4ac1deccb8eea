package my.invois.myinvois;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Canned answers from reference §2.2–2.5, in the documented and the real spellings. */
class LhdnAnswersTest {

    @Test
    void submission_uid_is_read_in_the_real_and_the_documented_spelling() {
        String real = "{\"submissionUid\":\"E3BNZRC5GBKWJ19H91XBJZYJ10\",\"acceptedDocuments\":[{\"uuid\":\"NYEA8PYC59ED2WJB91XBJZYJ10\","
                + "\"invoiceCodeNumber\":\"Inv-6862160103749\"}],\"rejectedDocuments\":[]}";
        String documented = real.replace("submissionUid", "submissionUID").replace("acceptedDocuments", "AcceptedDocuments");
        for (String body : new String[] {real, documented}) {
            SubmissionAnswer answer = LhdnJson.read(body, SubmissionAnswer.class).orElseThrow();
            assertThat(answer.uid()).contains("E3BNZRC5GBKWJ19H91XBJZYJ10");
            assertThat(answer.acceptedDocuments()).containsExactly(
                    new SubmissionAnswer.AcceptedDocument("NYEA8PYC59ED2WJB91XBJZYJ10", "Inv-6862160103749"));
        }
    }

    @Test
    void a_202_accepting_nothing_has_no_uid_and_keeps_lhdns_reasons() {
        String body = "{\"submissionUid\":null,\"acceptedDocuments\":[],\"rejectedDocuments\":[{\"invoiceCodeNumber\":\"IV2411.108586\","
                + "\"error\":{\"code\":\"3\",\"message\":\"Validation Error\",\"target\":\"IV_2411.108586\",\"propertyPath\":null,"
                + "\"details\":[{\"code\":null,\"message\":\"ArrayItemNotValid: #/Invoice[0]\",\"target\":\"[0]\","
                + "\"propertyPath\":\"#/Invoice[0]\",\"details\":null}]}}],\"somethingNew\":1}";
        SubmissionAnswer answer = LhdnJson.read(body, SubmissionAnswer.class).orElseThrow();
        assertThat(answer.uid()).isEmpty();
        SubmissionAnswer.RejectedDocument rejected = answer.rejectedDocuments().get(0);
        assertThat(rejected.invoiceCodeNumber()).isEqualTo("IV2411.108586");
        assertThat(rejected.error().code()).isEqualTo("3");
        assertThat(rejected.error().target()).isEqualTo("IV_2411.108586");
        assertThat(rejected.error().details()).containsExactly(
                new LhdnError("", "ArrayItemNotValid: #/Invoice[0]", "[0]", "#/Invoice[0]", java.util.List.of()));
    }

    @Test
    void the_api_level_family_is_read_from_a_refused_submission() {
        LhdnError error = LhdnError.fromBody("{\"error\":{\"code\":\"ValidationError\",\"message\":null,\"target\":null,"
                + "\"details\":[{\"code\":\"submission\",\"target\":\"submission\",\"message\":\"Invalid structured submission.\"}]}}");
        assertThat(error.code()).isEqualTo("ValidationError");
        assertThat(error.message()).isEmpty();
        assertThat(error.details()).extracting(LhdnError::code, LhdnError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("submission", "Invalid structured submission."));
    }

    @Test
    void the_validation_family_is_read_with_error_ms_in_either_case() {
        String step = "{\"status\":\"Invalid\",\"name\":\"Step08-Document Signature Validator\",\"error\":{\"propertyName\":null,"
                + "\"propertyPath\":null,\"errorCode\":\"Error21\",\"error\":\"Document Signature Validator\",\"errorMs\":\"Pengesah\","
                + "\"innerError\":[{\"propertyName\":\"DigestValue\",\"propertyPath\":\"Invoice.UBLExtensions\",\"errorCode\":\"DS320\","
                + "\"error\":\"Signed properties digest value doesn't match\",\"errorMS\":\"Nilai\",\"innerError\":null}]}}";
        String details = "{\"uuid\":\"U1\",\"status\":\"Invalid\",\"validationResults\":{\"status\":\"Invalid\",\"validationSteps\":["
                + step + "]}}";
        DocumentDetails read = LhdnJson.read(details, DocumentDetails.class).orElseThrow();
        LhdnError error = read.validationResults().validationSteps().get(0).error();
        assertThat(error.code()).isEqualTo("Error21");
        assertThat(error.message()).isEqualTo("Document Signature Validator");
        LhdnError inner = error.details().get(0);
        assertThat(inner.code()).isEqualTo("DS320");
        assertThat(inner.target()).isEqualTo("DigestValue");
        assertThat(inner.propertyPath()).isEqualTo("Invoice.UBLExtensions");
        assertThat(inner.message()).startsWith("Signed properties digest");
    }

    @Test
    void only_the_malay_text_is_the_message_when_lhdn_sends_no_english_one() {
        assertThat(LhdnError.fromBody("{\"errorCode\":\"CV302\",\"errorMS\":\"Kod negara\"}").message()).isEqualTo("Kod negara");
    }

    @Test
    void the_standard_error_response_wraps_the_validation_family() {
        LhdnError error = LhdnError.fromBody("{\"error\":{\"propertyName\":null,\"errorCode\":\"DS302\","
                + "\"error\":\"Duplicated Submission\",\"innerError\":[]}}");
        assertThat(error.code()).isEqualTo("DS302");
        assertThat(error.message()).isEqualTo("Duplicated Submission");
    }

    @Test
    void the_identity_services_oauth_error_is_read_as_code_and_message() {
        LhdnError error = LhdnError.fromBody("{\"error\":\"invalid_client\",\"error_description\":\"Unknown client\"}");
        assertThat(error.code()).isEqualTo("invalid_client");
        assertThat(error.message()).isEqualTo("Unknown client");
    }

    @Test
    void an_html_maintenance_page_is_no_error_rather_than_an_exception() {
        assertThat(LhdnError.fromBody("<html><body>Under maintenance</body></html>")).isEqualTo(LhdnError.NONE);
        assertThat(LhdnError.fromBody("")).isEqualTo(LhdnError.NONE);
    }

    @Test
    void a_submission_page_reads_its_summaries_whatever_the_case_of_its_status() {
        String body = "{\"submissionUid\":\"4GP7\",\"documentCount\":1,\"dateTimeReceived\":\"2025-06-04T12:21:31Z\","
                + "\"overallStatus\":\"Invalid\",\"documentSummary\":[{\"uuid\":\"Z9JH\",\"longId\":\"\",\"internalId\":\"22\","
                + "\"issuerTin\":\"IG23486228090\",\"dateTimeValidated\":\"2025-06-04T12:21:31Z\",\"totalPayableAmount\":11,"
                + "\"status\":\"invalid\",\"createdByUserId\":\"IG2348:ea34\"}]}";
        Submission submission = LhdnJson.read(body, Submission.class).orElseThrow();
        DocumentSummary summary = submission.documentSummary().get(0);
        assertThat(summary.hasStatus("Invalid")).isTrue();
        assertThat(summary.totalPayableAmount()).isEqualByComparingTo("11");
        assertThat(summary.validatedAt()).contains(java.time.Instant.parse("2025-06-04T12:21:31Z"));
    }

    @Test
    void a_document_is_sent_as_standard_base64_with_the_lowercase_hex_sha256_of_its_bytes() {
        var document = new SubmittedDocument("INV1", "{\"a\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(document.base64()).isEqualTo("eyJhIjoiw6kifQ==");
        // sha256sum of the same bytes
        assertThat(document.documentHash()).isEqualTo("b3a092a6af48807fa9482b2ee140105575daa26d5b24b3c0e60a7e2dee6683b1");
    }
}
