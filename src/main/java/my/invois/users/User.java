package my.invois.users;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/** A stored user. */
public record User(
        String id,
        String name,
        Optional<String> firstName,
        Optional<String> lastName,
        String email,
        Optional<String> phone,
        Optional<LocalDate> dob,
        String role,
        Instant createdAt,
        Instant updatedAt) {
}
