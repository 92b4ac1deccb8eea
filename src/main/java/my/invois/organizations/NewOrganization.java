package my.invois.organizations;

/** A validated create request; null marks an optional field left unset (a null slug is generated). */
record NewOrganization(String name, String slug, String logo, String premiumTierId) {
}
