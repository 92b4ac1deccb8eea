package my.invois.users;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Set;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;

/**
 * The user fields of a request body, each validated (SPEC A5 user validation) and normalised.
 * Create and update differ only in which fields are required and what null means.
 */
record UserFields(
        Patch<String> name,
        Patch<String> firstName,
        Patch<String> lastName,
        Patch<String> email,
        Patch<String> phone,
        Patch<LocalDate> dob,
        Patch<String> role) {

    static final Set<String> WRITABLE = Set.of("name", "firstName", "lastName", "email", "phone", "dob", "role");
    static final Set<String> READ_ONLY = Set.of("id", "members", "createdAt", "updatedAt");

    /** POST: name and email required; a null role means the default. */
    static NewUser forCreate(ObjectNode body, LocalDate today) {
        var errors = new FieldErrors();
        UserFields fields = read(body, today, errors);
        BodyFields.require(fields.name, "name", "Name", errors);
        BodyFields.require(fields.email, "email", "Email", errors);
        errors.throwIfAny();
        return new NewUser(
                fields.name.applyTo(null),
                fields.firstName.applyTo(null),
                fields.lastName.applyTo(null),
                fields.email.applyTo(null),
                fields.phone.applyTo(null),
                fields.dob.applyTo(null),
                fields.role instanceof Patch.Set<String> set ? set.value() : UserRules.DEFAULT_ROLE);
    }

    /** PUT: every field optional; null clears optional fields and is refused for required ones. */
    static UserFields forUpdate(ObjectNode body, LocalDate today) {
        var errors = new FieldErrors();
        UserFields fields = read(body, today, errors);
        BodyFields.rejectNull(fields.name, "name", "Name", errors);
        BodyFields.rejectNull(fields.email, "email", "Email", errors);
        BodyFields.rejectNull(fields.role, "role", "Role", errors);
        errors.throwIfAny();
        return fields;
    }

    private static UserFields read(ObjectNode body, LocalDate today, FieldErrors errors) {
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(WRITABLE, READ_ONLY);
        return new UserFields(
                fields.text("name", "Name", UserRules::name),
                fields.text("firstName", "First name", value -> UserRules.personalName(value, "First name")),
                fields.text("lastName", "Last name", value -> UserRules.personalName(value, "Last name")),
                fields.text("email", "Email", UserRules::email).map(UserRules::normaliseEmail),
                fields.text("phone", "Phone", UserRules::phone),
                fields.text("dob", "Date of birth", value -> UserRules.dob(value, today)).map(LocalDate::parse),
                fields.text("role", "Role", UserRules::role));
    }
}
