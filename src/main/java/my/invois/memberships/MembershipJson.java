package my.invois.memberships;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import my.invois.http.Timestamps;
import my.invois.organizations.OrganizationJson;

/** SPEC A5: a user's organization is the organization list item plus the user's membership. */
final class MembershipJson {

    private MembershipJson() {
    }

    record UserOrganizationItem(@JsonUnwrapped OrganizationJson.ListItem organization, MembershipItem membership) {
    }

    record MembershipItem(String id, String role, String createdAt) {
    }

    static UserOrganizationItem userOrganization(UserOrganization item) {
        Membership membership = item.membership();
        return new UserOrganizationItem(OrganizationJson.listItem(item.organization()),
                new MembershipItem(membership.id(), membership.role(), Timestamps.format(membership.createdAt())));
    }
}
