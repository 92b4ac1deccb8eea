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
                checked(fields.text("name", "Name"), "name", UserRules::name, errors),
                checked(fields.text("firstName", "First name"), "firstName", value -> UserRules.personalName(value, "First name"), errors),
                checked(fields.text("lastName", "Last name"), "lastName", value -> UserRules.personalName(value, "Last name"), errors),
                checked(fields.text("email", "Email"), "email", UserRules::email, errors).map(UserRules::normaliseEmail),
                checked(fields.text("phone", "Phone"), "phone", UserRules::phone, errors),
                dob(fields.text("dob", "Date of birth"), today, errors),
                checked(fields.text("role", "Role"), "role", UserRules::role, errors));
    }

    private static Patch<String> checked(Patch<String> patch, String field, UserRules.Rule rule, FieldErrors errors) {
        if (patch instanceof Patch.Set<String> set) {
            var problem = rule.check(set.value());
            if (problem.isPresent()) {
                errors.add(field, problem.get());
                return Patch.keep();
            }
        }
        return patch;
    }

    private static Patch<LocalDate> dob(Patch<String> patch, LocalDate today, FieldErrors errors) {
        if (patch instanceof Patch.Set<String> set) {
            var problem = UserRules.dob(set.value(), today);
            if (problem.isPresent()) {
                errors.add("dob", problem.get());
                return Patch.keep();
            }
            return Patch.set(LocalDate.parse(set.value()));
        }
        return patch.map(LocalDate::parse);
    }
}
