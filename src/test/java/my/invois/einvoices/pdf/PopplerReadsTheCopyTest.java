package my.invois.einvoices.pdf;

import static my.invois.einvoices.pdf.CopyDocuments.VALID;
import static my.invois.einvoices.pdf.CopyDocuments.bytes;
import static my.invois.einvoices.pdf.CopyDocuments.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buyer's copy read by a second, independent PDF reader (Debian's poppler-utils, which .ci/run
 * installs): its page renders to an image that is not blank and whose QR code is the validation
 * link, and its text layer holds the LHDN UUID.
 */
class PopplerReadsTheCopyTest {

    private static final Path PDFTOPPM = Path.of("/usr/bin/pdftoppm");
    private static final Path PDFTOTEXT = Path.of("/usr/bin/pdftotext");

    @Test
    void pdftoppm_renders_a_page_that_is_not_blank_and_scans_to_the_validation_link(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PDFTOPPM), "poppler-utils is not installed (" + PDFTOPPM + ")");
        Path pdf = write(dir);

        run(PDFTOPPM.toString(), "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", pdf.toString(), dir.resolve("page").toString());
        var image = ImageIO.read(dir.resolve("page.png").toFile());

        assertThat(Pdfs.darkFraction(image)).isBetween(0.01, 0.30);
        assertThat(Pdfs.qrCode(image)).contains(VALID.validationUrl());
    }

    @Test
    void pdftotext_finds_the_uuid_in_the_text_layer(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PDFTOTEXT), "poppler-utils is not installed (" + PDFTOTEXT + ")");
        Path pdf = write(dir);

        run(PDFTOTEXT.toString(), "-layout", pdf.toString(), dir.resolve("copy.txt").toString());

        assertThat(Files.readString(dir.resolve("copy.txt"), StandardCharsets.UTF_8)).contains(VALID.uuid(), VALID.longId());
    }

    private static Path write(Path dir) throws IOException {
        Path pdf = dir.resolve("copy.pdf");
        Files.write(pdf, BuyerCopy.render(bytes(sample("1.1-Invoice-Sample.json")), Optional.of(VALID)));
        return pdf;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }
}
