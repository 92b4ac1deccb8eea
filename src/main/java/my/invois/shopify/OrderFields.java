package my.invois.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import my.invois.http.FieldErrors;
import my.invois.http.Text;

/**
 * Reads one object of a Shopify payload, reporting every bad field under its full path
 * ({@code line_items[2].price_set.shop_money.amount}) instead of throwing. A bad or missing value
 * reads as a neutral one (0, "", false) so reading can go on and report the rest.
 */
final class OrderFields {

    static final int TEXT_LENGTH = 1_000;
    static final int QUANTITY_LIMIT = 1_000_000;
    /** Shopify writes shop money with 2 decimals; more would be a currency Invois does not invoice. */
    private static final Pattern MONEY = Pattern.compile("-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?");
    private static final Pattern RATE = Pattern.compile("(0|1)(\\.[0-9]{1,6})?");

    private final JsonNode node;
    private final String path;
    private final FieldErrors errors;

    OrderFields(JsonNode node, String path, FieldErrors errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    String text(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            return fail(field, "must be a string", "");
        }
        String text = value.textValue();
        if (!Text.isStorable(text) || Text.length(text) > TEXT_LENGTH) {
            return fail(field, "must be text of at most " + TEXT_LENGTH + " characters", "");
        }
        return text.strip();
    }

    long id(String field) {
        JsonNode value = present(field, true);
        if (value == null) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            return fail(field, "must be a positive whole number", 0L);
        }
        return value.longValue();
    }

    int quantity(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return -1;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0 || value.intValue() > QUANTITY_LIMIT) {
            return fail(field, "must be a whole number from 0 to " + QUANTITY_LIMIT, 0);
        }
        return value.intValue();
    }

    boolean flag(String field) {
        JsonNode value = present(field, false);
        if (value != null && !value.isBoolean()) {
            return fail(field, "must be true or false", false);
        }
        return value != null && value.booleanValue();
    }

    Optional<OffsetDateTime> time(String field, boolean required) {
        String text = text(field, required);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            return fail(field, "must be an ISO 8601 date-time with offset", Optional.empty());
        }
    }

    /** E3: amounts only from {@code <field>.shop_money.amount}, a decimal string. */
    BigDecimal money(String setField, boolean required, boolean signed) {
        Optional<OrderFields> set = object(setField, required);
        Optional<OrderFields> shopMoney = set.flatMap(s -> s.object("shop_money", true));
        return shopMoney.map(m -> m.decimal("amount", true, signed)).orElse(BigDecimal.ZERO);
    }

    /** A decimal string such as a transaction's {@code "75.00"}: never a JSON number, never an exponent. */
    BigDecimal decimal(String field, boolean required, boolean signed) {
        JsonNode value = present(field, required);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (!value.isTextual() || !MONEY.matcher(value.textValue()).matches()) {
            return fail(field, "must be a decimal string with at most 2 decimals, such as \"19.90\"", BigDecimal.ZERO);
        }
        BigDecimal amount = new BigDecimal(value.textValue());
        if (!signed && amount.signum() < 0) {
            return fail(field, "must not be negative", BigDecimal.ZERO);
        }
        return amount;
    }

    /** A tax rate as a fraction from 0 to 1 (Shopify sends a JSON number, 0.06). */
    BigDecimal rate(String field) {
        JsonNode value = present(field, true);
        if (value == null) {
            return BigDecimal.ZERO;
        }
        String text = value.isNumber() ? value.decimalValue().toPlainString() : value.isTextual() ? value.textValue() : "";
        if (text.length() > 20 || !RATE.matcher(text).matches() || new BigDecimal(text).compareTo(BigDecimal.ONE) > 0) {
            return fail(field, "must be a tax rate from 0 to 1 with at most 6 decimals", BigDecimal.ZERO);
        }
        return new BigDecimal(text);
    }

    Optional<OrderFields> object(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            return fail(field, "must be an object", Optional.empty());
        }
        return Optional.of(new OrderFields(value, name(field), errors));
    }

    /** Absent or null reads as empty; more than {@code cap} items is refused, not cut. */
    List<OrderFields> array(String field, int cap) {
        JsonNode value = present(field, false);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > cap) {
            return fail(field, "must be an array of at most " + cap + " items", List.of());
        }
        var items = new ArrayList<OrderFields>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = name(field) + "[" + i + "]";
            if (value.get(i).isObject()) {
                items.add(new OrderFields(value.get(i), itemPath, errors));
            } else {
                errors.add(itemPath, "must be an object");
            }
        }
        return items;
    }

    void fail(String field, String message) {
        errors.add(name(field), message);
    }

    private <T> T fail(String field, String message, T neutral) {
        fail(field, message);
        return neutral;
    }

    private JsonNode present(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        return value;
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
