package my.invois.users;

import java.time.LocalDate;

/** A validated create request; null marks an optional field left unset. */
record NewUser(String name, String firstName, String lastName, String email, String phone, LocalDate dob, String role) {
}
