package my.invois.users;

import java.time.LocalDate;
import java.util.List;
import my.invois.http.Timestamps;

/** The JSON forms of SPEC A4; unset optional values are rendered as null. */
final class UserJson {

    private UserJson() {
    }

    record Full(String id, String name, String firstName, String lastName, String email, String phone,
                String dob, String role, List<Member> members, String createdAt, String updatedAt) {
    }

    record ListItem(String id, String name, String firstName, String lastName, String email, String phone,
                    String role, String createdAt, String updatedAt) {
    }

    record Member(String id, String organizationId, String role, String createdAt) {
    }

    static Full full(UserDetails details) {
        User user = details.user();
        return new Full(user.id(), user.name(), user.firstName().orElse(null), user.lastName().orElse(null),
                user.email(), user.phone().orElse(null), user.dob().map(LocalDate::toString).orElse(null), user.role(),
                details.memberships().stream().map(UserJson::member).toList(),
                Timestamps.format(user.createdAt()), Timestamps.format(user.updatedAt()));
    }

    static ListItem listItem(User user) {
        return new ListItem(user.id(), user.name(), user.firstName().orElse(null), user.lastName().orElse(null),
                user.email(), user.phone().orElse(null), user.role(),
                Timestamps.format(user.createdAt()), Timestamps.format(user.updatedAt()));
    }

    private static Member member(UserMembership membership) {
        return new Member(membership.id(), membership.organizationId(), membership.role(), Timestamps.format(membership.createdAt()));
    }
}
