package my.invois.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void last_page_is_at_least_one_and_rounds_up() {
        assertThat(Page.lastPage(0, 10)).isEqualTo(1);
        assertThat(Page.lastPage(1, 10)).isEqualTo(1);
        assertThat(Page.lastPage(10, 10)).isEqualTo(1);
        assertThat(Page.lastPage(11, 10)).isEqualTo(2);
        assertThat(Page.lastPage(1_000_000, 100)).isEqualTo(10_000);
    }

    @Test
    void from_and_to_are_one_based_positions_or_null_when_empty() {
        var request = new PageRequest(3, 10);
        Page.Meta meta = Page.of(List.of("a", "b", "c"), 23, request).meta();
        assertThat(meta.from()).isEqualTo(21);
        assertThat(meta.to()).isEqualTo(23);
        Page.Meta past = Page.of(List.of(), 23, new PageRequest(9, 10)).meta();
        assertThat(past.from()).isNull();
        assertThat(past.to()).isNull();
        assertThat(past.lastPage()).isEqualTo(3);
    }

    @Test
    void page_request_defaults_and_bounds() {
        var errors = new FieldErrors();
        assertThat(PageRequest.parse(Map.of(), errors)).isEqualTo(new PageRequest(1, 10));
        assertThat(PageRequest.parse(Map.of("page", List.of("2"), "per_page", List.of("100")), errors)).isEqualTo(new PageRequest(2, 100));
        assertThat(errors.asMap()).isEmpty();
        PageRequest.parse(Map.of("page", List.of("0"), "per_page", List.of("101")), errors);
        assertThat(errors.asMap()).containsOnlyKeys("page", "per_page");
    }

    @Test
    void offset_of_a_huge_page_does_not_overflow() {
        assertThat(new PageRequest(Integer.MAX_VALUE, 100).offset()).isEqualTo((Integer.MAX_VALUE - 1L) * 100);
    }

    @Test
    void like_metacharacters_are_escaped() {
        assertThat(QueryParams.containsPattern("50%_off\\")).isEqualTo("%50\\%\\_off\\\\%");
    }

    @Test
    void nul_and_lone_surrogates_are_not_storable() {
        assertThat(Text.isStorable("plain 名前 😀")).isTrue();
        assertThat(Text.isStorable("a\u0000b")).isFalse();
        assertThat(Text.isStorable("\uD800")).isFalse();
        assertThat(Text.isStorable("\uDC00x")).isFalse();
    }

    @Test
    void content_type_must_be_json_with_at_most_a_utf8_charset() {
        assertThat(Requests.isJson("application/json")).isTrue();
        assertThat(Requests.isJson("application/json; charset=UTF-8")).isTrue();
        assertThat(Requests.isJson("application/json;charset=\"utf-8\"")).isTrue();
        assertThat(Requests.isJson("application/json; charset=iso-8859-1")).isFalse();
        assertThat(Requests.isJson("application/jsonx")).isFalse();
        assertThat(Requests.isJson("text/json")).isFalse();
    }
}
