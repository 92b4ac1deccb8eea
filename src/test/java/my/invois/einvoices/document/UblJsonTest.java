package my.invois.einvoices.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UblJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.1-Invoice-Sample.json", "1.1-Invoice-MultiLineItem-Sample.json",
            "1.1-Invoice-Consolidated-Sample.json", "sample-ul-invoice-2.1-signed.json"})
    void an_official_sample_read_and_written_again_is_its_minified_text(String sample) throws IOException {
        byte[] pretty = sample(sample);
        byte[] once = UblJson.write(UblJson.read(pretty));
        assertThat(UblJson.write(UblJson.read(once))).isEqualTo(once);
        assertThat(new String(once, StandardCharsets.UTF_8)).doesNotContain("\n").doesNotContain("E+").doesNotContain("\\u");
    }

    @Test
    void numbers_keep_their_text_and_are_never_scientific() {
        var node = UblJson.nodes().objectNode()
                .put("a", new BigDecimal("85.0"))
                .put("b", new BigDecimal("12345678.9"))
                .put("c", new BigDecimal("1E+7"));
        assertThat(new String(UblJson.write(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":85.0,\"b\":12345678.9,\"c\":10000000}");
    }

    @Test
    void minimal_form_strips_trailing_zeros_only() {
        assertThat(UblJson.minimal(new BigDecimal("1460.50")).toPlainString()).isEqualTo("1460.5");
        assertThat(UblJson.minimal(new BigDecimal("100.00")).toPlainString()).isEqualTo("100");
        assertThat(UblJson.minimal(new BigDecimal("1E+3")).toPlainString()).isEqualTo("1000");
        assertThat(UblJson.minimal(new BigDecimal("0.15")).toPlainString()).isEqualTo("0.15");
    }

    @Test
    void text_is_raw_utf8_with_only_json_escapes() {
        var node = UblJson.nodes().objectNode().put("d", "Kedai D'Siti / Café 中文 \"q\"");
        assertThat(new String(UblJson.write(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"d\":\"Kedai D'Siti / Café 中文 \\\"q\\\"\"}");
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = UblJsonTest.class.getResourceAsStream("/lhdn/samples/" + name)) {
            return in.readAllBytes();
        }
    }
}
