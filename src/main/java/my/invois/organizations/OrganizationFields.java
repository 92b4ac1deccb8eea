package my.invois.organizations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import my.invois.http.BodyFields;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;

/**
 * The organization fields of a request body, each validated (SPEC B2). Create and update
 * differ only in which fields are required and what null means.
 */
record OrganizationFields(Patch<String> name, Patch<String> slug, Patch<String> logo, Patch<String> premiumTierId) {

    static final Set<String> WRITABLE = Set.of("name", "slug", "logo", "premiumTierId");
    static final Set<String> READ_ONLY = Set.of("id", "members", "memberCount", "premiumTier", "createdAt", "updatedAt");

    /** POST: name required; a null or absent slug is generated from the name. */
    static NewOrganization forCreate(ObjectNode body, Set<String> premiumTierIds) {
        var errors = new FieldErrors();
        OrganizationFields fields = read(body, premiumTierIds, errors);
        BodyFields.require(fields.name, "name", "Name", errors);
        errors.throwIfAny();
        return new NewOrganization(
                fields.name.applyTo(null),
                fields.slug.applyTo(null),
                fields.logo.applyTo(null),
                fields.premiumTierId.applyTo(null));
    }

    /** PUT: every field optional; null clears logo and premiumTierId and is refused for name and slug. */
    static OrganizationFields forUpdate(ObjectNode body, Set<String> premiumTierIds) {
        var errors = new FieldErrors();
        OrganizationFields fields = read(body, premiumTierIds, errors);
        BodyFields.rejectNull(fields.name, "name", "Name", errors);
        BodyFields.rejectNull(fields.slug, "slug", "Slug", errors);
        errors.throwIfAny();
        return fields;
    }

    /** The tier catalogue is checked here so that details list every failing field; the foreign key still decides. */
    private static OrganizationFields read(ObjectNode body, Set<String> premiumTierIds, FieldErrors errors) {
        var fields = new BodyFields(body, errors);
        fields.rejectUnknown(WRITABLE, READ_ONLY);
        return new OrganizationFields(
                fields.text("name", "Name", OrganizationRules::name),
                fields.text("slug", "Slug", OrganizationRules::slug),
                fields.text("logo", "Logo", OrganizationRules::logo),
                fields.text("premiumTierId", "Premium tier id", id -> OrganizationRules.premiumTierId(id, premiumTierIds)));
    }
}
