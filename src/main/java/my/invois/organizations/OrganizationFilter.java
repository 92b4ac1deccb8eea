package my.invois.organizations;

import java.util.Optional;

/** List filters: substring search over name, and exact slug (SPEC A5, C2). */
record OrganizationFilter(Optional<String> search, Optional<String> slug) {

    boolean isEmpty() {
        return search.isEmpty() && slug.isEmpty();
    }
}
