package my.invois.http;

import java.util.Optional;

/** One pure validation rule for a text field: empty when valid, else the message. */
@FunctionalInterface
public interface FieldRule {

    Optional<String> check(String value);
}
