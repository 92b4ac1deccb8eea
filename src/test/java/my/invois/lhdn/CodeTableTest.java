package my.invois.lhdn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeTableTest {

    @Test
    void every_table_has_the_row_count_of_lhdn_published_copy() {
        assertThat(CodeTable.E_INVOICE_TYPES.codes()).hasSize(8);
        assertThat(CodeTable.TAX_TYPES.codes()).hasSize(7);
        assertThat(CodeTable.CLASSIFICATIONS.codes()).hasSize(45);
        assertThat(CodeTable.PAYMENT_METHODS.codes()).hasSize(8);
        assertThat(CodeTable.STATES.codes()).hasSize(17);
        assertThat(CodeTable.COUNTRIES.codes()).hasSize(253);
        assertThat(CodeTable.CURRENCIES.codes()).hasSize(180);
        // LHDN's MSIC file has 1,175 rows; 16211 stands twice, identically.
        assertThat(CodeTable.MSIC.codes()).hasSize(1_174);
        assertThat(CodeTable.UNITS.codes()).hasSize(2_162);
    }

    @Test
    void descriptions_are_trimmed_and_looked_up_by_code() {
        assertThat(CodeTable.CLASSIFICATIONS.description("022")).contains("Others");
        assertThat(CodeTable.STATES.description("17")).contains("Not Applicable");
        assertThat(CodeTable.COUNTRIES.description("MYS")).contains("MALAYSIA");
        assertThat(CodeTable.MSIC.description("47912")).contains("Retail sale of any kind of product over the Internet");
        assertThat(CodeTable.CLASSIFICATIONS.description("001")).contains("Breastfeeding equipment");
    }

    @Test
    void unknown_and_null_codes_are_not_contained() {
        assertThat(CodeTable.TAX_TYPES.contains("07")).isFalse();
        assertThat(CodeTable.TAX_TYPES.contains(null)).isFalse();
        assertThat(CodeTable.TAX_TYPES.contains("E")).isTrue();
        assertThat(CodeTable.UNITS.contains("C62")).isTrue();
    }
}
