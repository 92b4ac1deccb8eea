package my.invois.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentValidatorsTest {

    private static final String[] V11 = {"1.1-Invoice-Sample.json", "1.1-Credit-Note-Sample.json", "1.1-Debit-Note-Sample.json",
            "1.1-Refund-Note-Sample.json", "1.1-Invoice-Consolidated-Sample.json", "1.1-Invoice-ForeignCurrency-Sample.json",
            "1.1-Invoice-MultiLineItem-Sample.json", "1.1-Self-Billed-Invoice-Sample.json", "1.1-Self-Billed-Credit-Sample.json",
            "1.1-Self-Billed-Debit-Sample.json", "1.1-Self-Billed-Refund-Sample.json", "sample-ul-invoice-2.1-signed.json"};

    @ParameterizedTest
    @ValueSource(strings = {"1.1-Invoice-Sample.json", "1.1-Credit-Note-Sample.json", "1.1-Debit-Note-Sample.json",
            "1.1-Refund-Note-Sample.json", "1.1-Invoice-Consolidated-Sample.json", "1.1-Invoice-ForeignCurrency-Sample.json",
            "1.1-Invoice-MultiLineItem-Sample.json", "1.1-Self-Billed-Invoice-Sample.json", "1.1-Self-Billed-Credit-Sample.json",
            "1.1-Self-Billed-Debit-Sample.json", "1.1-Self-Billed-Refund-Sample.json", "sample-ul-invoice-2.1-signed.json"})
    void every_official_v11_sample_passes_structure_core_code_and_signature(String sample) {
        JsonNode document = Samples.tree(sample);
        assertThat(StructureValidator.validate(document)).isEmpty();
        assertThat(CoreFieldsValidator.validate(Ubl.invoice(document))).isEmpty();
        assertThat(CodeValidator.validate(Ubl.invoice(document))).isEmpty();
        assertThat(SignatureValidator.validate(document)).isEmpty();
        assertThat(CurrencyValidator.validate(Ubl.invoice(document))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0-Invoice-Sample.json", "1.0-Credit-Note-Sample.json", "1.0-Invoice-Consolidated-Sample.json",
            "1.0-Invoice-ForeignCurrency-Sample.json", "1.0-Self-Billed-Refund-Sample.json"})
    void official_v10_samples_pass_structure_core_and_code(String sample) {
        JsonNode document = Samples.tree(sample);
        assertThat(StructureValidator.validate(document)).isEmpty();
        assertThat(CoreFieldsValidator.validate(Ubl.invoice(document))).isEmpty();
        assertThat(CodeValidator.validate(Ubl.invoice(document))).isEmpty();
    }

    @Test
    void the_samples_certificate_names_its_tin_in_organization_identifier() {
        assertThat(Certificates.embedded(Samples.tree(V11[0])).flatMap(Certificates::organizationIdentifier))
                .contains(Samples.CERTIFICATE_TIN);
    }

    @Test
    void one_byte_changed_in_a_signed_field_is_ds322() {
        JsonNode document = Samples.tree("1.1-Invoice-Sample.json");
        ((ObjectNode) Ubl.first(Ubl.invoice(document), "ID")).put("_", "JSON-INV12346");
        assertThat(codes(SignatureValidator.validate(document))).containsExactly(SignatureValidator.DOCUMENT_DIGEST);
    }

    @Test
    void a_changed_signing_time_breaks_the_props_digest_ds320() {
        JsonNode document = Samples.tree("1.1-Invoice-Sample.json");
        JsonNode properties = Ubl.first(Certificates.signature(document), "Object", "QualifyingProperties", "SignedProperties",
                "SignedSignatureProperties");
        ((ObjectNode) Ubl.first(properties, "SigningTime")).put("_", "2024-07-23T15:14:55Z");
        assertThat(codes(SignatureValidator.validate(document))).containsExactly(SignatureValidator.PROPS_DIGEST);
    }

    @Test
    void an_issuer_name_in_der_order_is_ds326() {
        JsonNode document = Samples.tree("sample-ul-invoice-2.1-signed.json");
        JsonNode serial = Ubl.first(Certificates.signature(document), "Object", "QualifyingProperties", "SignedProperties",
                "SignedSignatureProperties", "SigningCertificate", "Cert", "IssuerSerial");
        ((ObjectNode) Ubl.first(serial, "X509IssuerName")).put("_", "C=MY, O=LHDNM, OU=Terms of use at http://www.posdigicert.com.my, CN=Trial LHDNM Sub CA V1");
        assertThat(codes(SignatureValidator.validate(document))).contains(SignatureValidator.ISSUER_NAME);
    }

    @Test
    void a_signature_value_of_other_bytes_does_not_verify() {
        JsonNode document = Samples.tree("1.1-Invoice-Sample.json");
        JsonNode other = Certificates.signature(Samples.tree("1.1-Credit-Note-Sample.json"));
        ((ObjectNode) Certificates.signature(document)).set("SignatureValue", other.path("SignatureValue").deepCopy());
        assertThat(codes(SignatureValidator.validate(document))).containsExactly(SignatureValidator.SIGNATURE_VALUE);
    }

    @Test
    void an_object_where_an_array_belongs_is_object_or_array_expected() {
        JsonNode document = Samples.tree("1.0-Invoice-Sample.json");
        ObjectNode invoice = (ObjectNode) Ubl.invoice(document);
        invoice.set("ID", invoice.path("ID").path(0));
        ((ArrayNode) invoice.path("BillingReference")).set(0, Ubl.MAPPER.getNodeFactory().textNode("x"));
        assertThat(StructureValidator.validate(document)).extracting(ApiError::code).containsExactly("ArrayExpected", "ObjectExpected");
    }

    @Test
    void an_amount_written_as_text_is_number_expected() {
        JsonNode document = Samples.tree("1.0-Invoice-Sample.json");
        ((ObjectNode) Ubl.first(Ubl.invoice(document), "LegalMonetaryTotal", "PayableAmount")).put("_", "1436.50");
        assertThat(StructureValidator.validate(document)).extracting(ApiError::propertyPath)
                .containsExactly("#/Invoice[0].LegalMonetaryTotal[0].PayableAmount[0]._");
    }

    @Test
    void a_missing_mandatory_field_is_reported_with_its_path() {
        JsonNode invoice = Ubl.invoice(Samples.tree("1.0-Invoice-Sample.json"));
        ((ObjectNode) Ubl.first(invoice, "AccountingSupplierParty", "Party", "PartyLegalEntity")).remove("RegistrationName");
        ((ObjectNode) Ubl.first(invoice, "InvoiceLine", "Item")).remove("Description");
        assertThat(CoreFieldsValidator.validate(invoice)).extracting(StepError::propertyPath).containsExactly(
                "Invoice.AccountingSupplierParty.Party.PartyLegalEntity.RegistrationName", "Invoice.InvoiceLine[0].Item.Description");
    }

    @Test
    void an_unknown_code_is_reported_wherever_it_is() {
        JsonNode invoice = Ubl.invoice(Samples.tree("1.0-Invoice-Sample.json"));
        ((ObjectNode) Ubl.first(invoice, "AccountingCustomerParty", "Party", "PostalAddress", "Country", "IdentificationCode")).put("_", "OTH");
        JsonNode classification = Ubl.first(invoice, "InvoiceLine", "Item").path("CommodityClassification").path(1);
        ((ObjectNode) Ubl.first(classification, "ItemClassificationCode")).put("_", "999");
        assertThat(codes(CodeValidator.validate(invoice))).containsExactly(CodeValidator.COUNTRY, CodeValidator.UNKNOWN_CODE);
    }

    @Test
    void a_foreign_currency_without_exchange_rate_is_refused() {
        JsonNode invoice = Ubl.invoice(Samples.tree("1.0-Invoice-ForeignCurrency-Sample.json"));
        ((ObjectNode) invoice).remove("TaxExchangeRate");
        assertThat(codes(CurrencyValidator.validate(invoice))).containsExactly(CurrencyValidator.EXCHANGE_RATE);
    }

    private static List<String> codes(List<StepError> errors) {
        return errors.stream().map(StepError::errorCode).toList();
    }
}
