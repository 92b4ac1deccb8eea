package my.invois.memberships;

import my.invois.organizations.OrganizationSummary;

/** One organization of a user, with the user's membership in it. */
record UserOrganization(OrganizationSummary organization, Membership membership) {
}
