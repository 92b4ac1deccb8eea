package my.invois.orders;

import java.util.Optional;

/** E3 list filters; each absent one matches every order. */
record OrderFilter(String organizationId, Optional<String> status, Optional<String> month) {
}
