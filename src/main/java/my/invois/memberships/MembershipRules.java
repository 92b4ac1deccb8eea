package my.invois.memberships;

import java.util.List;
import java.util.Optional;

/** SPEC B3 membership validation: empty when valid, else the message. */
final class MembershipRules {

    static final String DEFAULT_ROLE = "customer";
    static final List<String> ROLES = List.of("admin", "customer");

    private MembershipRules() {
    }

    static Optional<String> role(String role) {
        return ROLES.contains(role) ? Optional.empty() : Optional.of("Role must be one of: " + String.join(", ", ROLES));
    }
}
