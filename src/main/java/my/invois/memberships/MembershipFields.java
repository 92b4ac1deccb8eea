package my.invois.memberships;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;

/**
 * The membership fields of a request body (SPEC C1: {userId, role}). Whether the user exists
 * is for the database to say (foreign key), so that a concurrent deletion cannot slip through.
 */
final class MembershipFields {

    static final Set<String> CREATE_WRITABLE = Set.of("userId", "role");
    static final Set<String> UPDATE_WRITABLE = Set.of("role");
    static final Set<String> READ_ONLY = Set.of("id", "user", "createdAt", "updatedAt");
    /** A membership never moves to another user, so an echoed userId is ignored on update. */
    static final Set<String> UPDATE_READ_ONLY = Set.of("id", "userId", "user", "createdAt", "updatedAt");

    private MembershipFields() {
    }

    /** POST: userId required; a null or absent role means the default. */
    static NewMembership forCreate(ObjectNode body) {
        var errors = new FieldErrors();
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(CREATE_WRITABLE, READ_ONLY);
        Patch<String> userId = fields.text("userId", "User id");
        Patch<String> role = fields.text("role", "Role", MembershipRules::role);
        BodyFields.require(userId, "userId", "User id", errors);
        errors.throwIfAny();
        return new NewMembership(userId.applyTo(null), role instanceof Patch.Set<String> set ? set.value() : MembershipRules.DEFAULT_ROLE);
    }

    /** PUT: role may be absent (nothing changes) but never null (SPEC B1). */
    static Patch<String> forUpdate(ObjectNode body) {
        var errors = new FieldErrors();
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(UPDATE_WRITABLE, UPDATE_READ_ONLY);
        Patch<String> role = fields.text("role", "Role", MembershipRules::role);
        BodyFields.rejectNull(role, "role", "Role", errors);
        errors.throwIfAny();
        return role;
    }
}
