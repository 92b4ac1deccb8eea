package my.invois.users;

import java.util.List;

/** A user with their memberships: the full form of SPEC A4. */
record UserDetails(User user, List<UserMembership> memberships) {
}
