package my.invois.einvoices.pdf;

import static my.invois.einvoices.pdf.CopyDocuments.VALID;
import static my.invois.einvoices.pdf.CopyDocuments.bytes;
import static my.invois.einvoices.pdf.CopyDocuments.invoice;
import static my.invois.einvoices.pdf.CopyDocuments.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The buyer's copy read back with PDFBox's own text reader and renderer, the QR code with ZXing's
 * decoder. The invoice sample's first page is kept as target/buyer-copy.png for a look by eye.
 */
class BuyerCopyTest {

    @ParameterizedTest
    @FieldSource("my.invois.einvoices.pdf.CopyDocuments#SAMPLES")
    void every_official_sample_shows_its_particulars_as_text_and_its_validation_link_as_a_qr_code(String name) {
        ObjectNode document = sample(name);
        byte[] pdf = BuyerCopy.render(bytes(document), Optional.of(VALID));

        String text = Pdfs.text(pdf);
        ObjectNode invoice = invoice(document);
        BigDecimal payable = invoice.at("/LegalMonetaryTotal/0/PayableAmount/0/_").decimalValue();
        assertThat(text).contains(VALID.uuid(), VALID.longId(), invoice.at("/ID/0/_").asText(),
                "TIN: " + invoice.at("/AccountingSupplierParty/0/Party/0/PartyIdentification/0/ID/0/_").asText(),
                "Payable", Amounts.money(payable));
        BufferedImage page = Pdfs.image(pdf, 0);
        assertThat(Pdfs.qrCode(page)).contains(VALID.validationUrl());
        assertThat(Pdfs.darkFraction(page)).isBetween(0.01, 0.3);
    }

    @Test
    void the_invoice_sample_reads_as_lhdn_holds_it() throws IOException {
        byte[] pdf = BuyerCopy.render(bytes(sample("1.1-Invoice-Sample.json")), Optional.of(VALID));
        ImageIO.write(Pdfs.image(pdf, 0), "png", Path.of("target", "buyer-copy.png").toFile());

        assertThat(Pdfs.text(pdf)).contains("Invoice", "No. JSON-INV12345", "23 Jul 2024, 08:30 MYT (2024-07-23 00:30:00 UTC)",
                "Supplier's Name", "Buyer's Name", "BRN: Supplier's BRN", "Phone: +60123456789", "supplier@email.com",
                "Lot 66", "50480 Kuala Lumpur", "Laptop Peripherals", "003",
                "E 6%", "−100.00 (15%)", "+100.00 (10%)", "1,460.50", "Validated 23 Jul 2024, 09:02 MYT (2024-07-23 01:02:03 UTC)",
                "Total excluding tax", "Total including tax", "Page 1 of 1");
    }

    @Test
    void a_note_shows_the_document_it_corrects() {
        byte[] pdf = BuyerCopy.render(bytes(sample("1.1-Credit-Note-Sample.json")), Optional.of(VALID));

        assertThat(Pdfs.text(pdf)).contains("Credit Note", "Original document: JSON-INV12345, UUID Reference Invoice UUID");
    }

    @Test
    void a_draft_says_it_is_not_a_valid_e_invoice_and_has_no_qr_code() {
        byte[] pdf = BuyerCopy.render(bytes(sample("1.1-Invoice-Sample.json")), Optional.empty());

        assertThat(Pdfs.text(pdf)).contains("Not yet validated by LHDN — not a valid e-invoice").doesNotContain("UUID");
        assertThat(Pdfs.qrCode(Pdfs.image(pdf, 0))).isEmpty();
    }

    @Test
    void sixty_lines_flow_over_numbered_pages_with_the_header_row_on_each() {
        byte[] pdf = BuyerCopy.render(bytes(CopyDocuments.withLines(60)), Optional.of(VALID));

        int pages = Pdfs.pages(pdf);
        String text = Pdfs.text(pdf);
        assertThat(pages).isBetween(2, 4);
        for (int page = 1; page <= pages; page++) {
            assertThat(text).contains("Page " + page + " of " + pages);
        }
        assertThat(text.split("Total excl. tax", -1)).hasSize(pages + 1);
        for (int line = 1; line <= 60; line++) {
            assertThat(text).containsPattern("(?m)^" + line + " Item " + line + "\\b");
        }
        assertThat(Pdfs.darkFraction(Pdfs.image(pdf, pages - 1))).isGreaterThan(0.005);
    }

    @Test
    void malay_and_accented_names_are_real_text_and_chinese_or_tamil_a_visible_placeholder() {
        ObjectNode document = CopyDocuments.withSupplierName(sample("1.1-Invoice-Sample.json"), "Kedai Kopi Café Ñyonya Sdn. Bhd.");
        ((ObjectNode) invoice(document).at("/AccountingCustomerParty/0/Party/0/PartyLegalEntity/0/RegistrationName/0"))
                .put("_", "陈美玲 and தமிழ்");
        String text = Pdfs.text(BuyerCopy.render(bytes(document), Optional.of(VALID)));

        assertThat(text).contains("Kedai Kopi Café Ñyonya Sdn. Bhd.", "□□□ and □□□□□");
    }

    @Test
    void the_same_document_and_identity_give_the_same_bytes() {
        byte[] document = bytes(sample("1.1-Invoice-MultiLineItem-Sample.json"));

        assertThat(BuyerCopy.render(document, Optional.of(VALID))).isEqualTo(BuyerCopy.render(document, Optional.of(VALID)));
    }

    @Test
    void bytes_that_are_not_an_lhdn_document_are_refused() {
        assertThatThrownBy(() -> BuyerCopy.render("not json".getBytes(StandardCharsets.UTF_8), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> BuyerCopy.render("{\"Invoice\":[]}".getBytes(StandardCharsets.UTF_8), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Invoice");
    }
}
