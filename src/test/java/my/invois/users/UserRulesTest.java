package my.invois.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class UserRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @Test
    void phone_strips_separators_then_needs_an_optional_plus_and_7_to_15_digits() {
        assertThat(UserRules.phone("+1234567890")).isEmpty();
        assertThat(UserRules.phone("+60 (3) 2123-4567")).isEmpty();
        assertThat(UserRules.phone("123.456.7")).isEmpty();
        assertThat(UserRules.phone("12345 6")).isPresent();
        assertThat(UserRules.phone("+1234567890123456")).isPresent();
        assertThat(UserRules.phone("+")).isPresent();
        assertThat(UserRules.phone("1234567 ext 8")).isPresent();
        assertThat(UserRules.phone("١٢٣٤٥٦٧٨")).as("non-ASCII digits").isPresent();
    }

    @Test
    void dob_must_be_a_real_past_date_from_1900() {
        assertThat(UserRules.dob("2026-11-28", TODAY)).isEmpty();
        assertThat(UserRules.dob("2026-11-29", TODAY)).hasValueSatisfying(message -> assertThat(message).contains("future"));
        assertThat(UserRules.dob("1900-01-01", TODAY)).isEmpty();
        assertThat(UserRules.dob("1899-12-31", TODAY)).isPresent();
        assertThat(UserRules.dob("2023-02-29", TODAY)).isPresent();
        assertThat(UserRules.dob("2024-02-29", TODAY)).isEmpty();
        assertThat(UserRules.dob("+2024-02-29", TODAY)).isPresent();
        assertThat(UserRules.dob("2024-02-29T00:00:00", TODAY)).isPresent();
    }

    @Test
    void name_counts_characters_not_utf16_units() {
        assertThat(UserRules.name("😀😀")).isEmpty();
        assertThat(UserRules.name("😀")).isPresent();
    }

    @Test
    void email_is_lower_cased_and_bounded() {
        assertThat(UserRules.normaliseEmail("Ali@Example.COM")).isEqualTo("ali@example.com");
        assertThat(UserRules.email("ali@example.com")).isEmpty();
        assertThat(UserRules.email("ali@localhost")).isPresent();
        assertThat(UserRules.email("ali example@example.com")).isPresent();
        assertThat(UserRules.email("ali\uFF20example.com")).as("fullwidth at sign alone").isPresent();
        assertThat(UserRules.email("ali\uFE6Bexample.com")).as("small at sign alone").isPresent();
        assertThat(UserRules.email("ali@\uFF45xample.com")).as("fullwidth letter").isEmpty();
    }

    @Test
    void role_is_one_of_three() {
        assertThat(UserRules.role("super-admin")).isEmpty();
        assertThat(UserRules.role("customer")).isEmpty();
        assertThat(UserRules.role("member")).isPresent();
    }
}
