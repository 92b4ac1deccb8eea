package my.invois.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.LocalDate;
import my.invois.generatedclient.ApiClient;
import my.invois.generatedclient.ApiException;
import my.invois.generatedclient.api.MembersApi;
import my.invois.generatedclient.api.OrganizationsApi;
import my.invois.generatedclient.api.PremiumTiersApi;
import my.invois.generatedclient.api.UsersApi;
import my.invois.generatedclient.model.Member;
import my.invois.generatedclient.model.MemberCreate;
import my.invois.generatedclient.model.MemberUpdate;
import my.invois.generatedclient.model.MembershipRole;
import my.invois.generatedclient.model.Organization;
import my.invois.generatedclient.model.OrganizationCreate;
import my.invois.generatedclient.model.OrganizationUpdate;
import my.invois.generatedclient.model.User;
import my.invois.generatedclient.model.UserCreate;
import my.invois.generatedclient.model.UserRole;
import my.invois.generatedclient.model.UserUpdate;
import my.invois.testing.ApiTest;
import my.invois.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from the OpenAPI document by openapi-generator (at build time, never
 * edited) drives the real server: if the document and the server disagreed on a path, a
 * parameter or a field, these calls would fail to compile, to send or to parse.
 */
class GeneratedClientApiTest extends ApiTest {

    private final ApiClient client = new ApiClient()
            .setRequestInterceptor(request -> request.header("X-Invois-Key", TestServer.shared().key()));
    private final UsersApi users;
    private final OrganizationsApi organizations;
    private final MembersApi members;

    GeneratedClientApiTest() {
        client.updateBaseUri(api.base());
        users = new UsersApi(client);
        organizations = new OrganizationsApi(client);
        members = new MembersApi(client);
    }

    private static int statusOf(ThrowingCall call) {
        return catchThrowableOfType(ApiException.class, call::run).getCode();
    }

    private interface ThrowingCall {
        void run() throws ApiException;
    }

    @Test
    void users_are_created_listed_searched_read_updated_and_deleted() throws ApiException {
        User created = users.createUser(new UserCreate().name("Aisyah Rahman").email("Aisyah@KedaiBatik.my")
                .phone("+60 12-345 6789").dob(LocalDate.of(1990, 5, 15)).role(UserRole.ADMIN));
        users.createUser(new UserCreate().name("Lim Wei Jie").email("weijie@kedaibatik.my"));

        assertThat(created.getId()).startsWith("user-");
        assertThat(created.getEmail()).isEqualTo("aisyah@kedaibatik.my");
        assertThat(created.getMembers()).isEmpty();
        assertThat(users.listUsers(null, null, 1, 10).getMeta().getTotal()).isEqualTo(2);
        assertThat(users.listUsers("AISYAH", null, null, null).getData()).singleElement()
                .satisfies(item -> assertThat(item.getId()).isEqualTo(created.getId()));
        assertThat(users.listUsers(null, "weijie@kedaibatik.my", null, null).getData()).hasSize(1);
        assertThat(users.getUser(created.getId())).isEqualTo(created);

        User updated = users.updateUser(created.getId(), new UserUpdate().lastName("Rahman").role(UserRole.CUSTOMER));
        assertThat(updated.getLastName()).isEqualTo("Rahman");
        assertThat(updated.getRole()).isEqualTo(UserRole.CUSTOMER);
        assertThat(updated.getPhone()).isEqualTo("+60 12-345 6789");
        assertThat(updated.getDob()).isEqualTo(LocalDate.of(1990, 5, 15));

        users.deleteUser(created.getId());
        assertThat(statusOf(() -> users.getUser(created.getId()))).isEqualTo(404);
        assertThat(statusOf(() -> users.createUser(new UserCreate().name("Again").email("weijie@kedaibatik.my")))).isEqualTo(409);
    }

    @Test
    void organizations_are_created_listed_searched_read_updated_and_deleted() throws ApiException {
        String premium = new PremiumTiersApi(client).listPremiumTiers().getData().get(0).getId();
        Organization created = organizations.createOrganization(new OrganizationCreate().name("Kedai Batik Sdn Bhd")
                .logo(URI.create("https://cdn.example.com/batik.png")).premiumTierId(premium));
        organizations.createOrganization(new OrganizationCreate().name("Warung Kopi Lama"));

        assertThat(created.getSlug()).isEqualTo("kedai-batik-sdn-bhd");
        assertThat(created.getPremiumTier().getId()).isEqualTo(premium);
        assertThat(created.getPremiumTier().getLimits()).isNotNull();
        assertThat(organizations.listOrganizations(null, null, 1, 10).getMeta().getTotal()).isEqualTo(2);
        assertThat(organizations.listOrganizations("batik", null, null, null).getData()).hasSize(1);
        assertThat(organizations.listOrganizations(null, "warung-kopi-lama", null, null).getData()).hasSize(1);
        assertThat(organizations.getOrganization(created.getId())).isEqualTo(created);

        Organization updated = organizations.updateOrganization(created.getId(), new OrganizationUpdate().slug("batik"));
        assertThat(updated.getSlug()).isEqualTo("batik");
        assertThat(updated.getName()).isEqualTo("Kedai Batik Sdn Bhd");

        organizations.deleteOrganization(created.getId());
        assertThat(statusOf(() -> organizations.getOrganization(created.getId()))).isEqualTo(404);
    }

    @Test
    void members_are_added_listed_read_updated_and_removed() throws ApiException {
        Organization organization = organizations.createOrganization(new OrganizationCreate().name("Kedai Runcit Ali"));
        User owner = users.createUser(new UserCreate().name("Ali Hassan").email("ali@runcit.my"));
        User clerk = users.createUser(new UserCreate().name("Siti Aminah").email("siti@runcit.my"));

        Member ownerMember = members.addMember(organization.getId(), new MemberCreate().userId(owner.getId()).role(MembershipRole.ADMIN));
        Member clerkMember = members.addMember(organization.getId(), new MemberCreate().userId(clerk.getId()));

        assertThat(clerkMember.getRole()).isEqualTo(MembershipRole.CUSTOMER);
        assertThat(ownerMember.getUser().getEmail()).isEqualTo("ali@runcit.my");
        assertThat(members.listMembers(organization.getId(), 1, 1).getMeta().getLastPage()).isEqualTo(2);
        assertThat(members.getMember(organization.getId(), clerkMember.getId())).isEqualTo(clerkMember);
        assertThat(users.listUserOrganizations(owner.getId(), null).getData()).singleElement()
                .satisfies(membership -> assertThat(membership.getMembership().getRole()).isEqualTo(MembershipRole.ADMIN));
        assertThat(organizations.getOrganization(organization.getId()).getMemberCount()).isEqualTo(2);

        Member promoted = members.updateMember(organization.getId(), clerkMember.getId(), new MemberUpdate().role(MembershipRole.ADMIN));
        assertThat(promoted.getRole()).isEqualTo(MembershipRole.ADMIN);

        members.removeMember(organization.getId(), clerkMember.getId());
        assertThat(statusOf(() -> members.getMember(organization.getId(), clerkMember.getId()))).isEqualTo(404);
        assertThat(organizations.getOrganization(organization.getId()).getMemberCount()).isEqualTo(1);
    }
}
