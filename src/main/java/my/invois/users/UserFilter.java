package my.invois.users;

import java.util.Optional;

/** List filters: substring search over name or email, and exact email (SPEC A5, C2). */
record UserFilter(Optional<String> search, Optional<String> email) {

    boolean isEmpty() {
        return search.isEmpty() && email.isEmpty();
    }
}
