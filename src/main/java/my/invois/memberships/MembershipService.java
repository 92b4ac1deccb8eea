package my.invois.memberships;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.db.Ids;
import my.invois.db.SqlErrors;
import my.invois.http.ApiException;
import my.invois.http.Listing;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import my.invois.http.Patch;
import my.invois.organizations.Organization;
import my.invois.organizations.OrganizationMember;
import my.invois.organizations.OrganizationRepository;
import my.invois.organizations.OrganizationService;
import my.invois.organizations.OrganizationSummary;
import my.invois.users.UserService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Membership rules that need the database; each public method is one transaction.
 *
 * <p>The lock order of every write that touches a membership. The member count trigger (V1)
 * locks the organization after the membership row, and deleting a user or an organization
 * reaches the memberships by cascade, so writes that took these locks in other orders
 * deadlocked (a 500). Each write takes them in this order, skipping those it does not need:
 * <ol>
 *   <li>the user row: deleting the user (UserService), or the foreign key's share of it when adding;
 *   <li>organization rows in id order, as the count trigger will (taken up front here, by
 *       UserService for all of a user's organizations, by the DELETE itself for an organization);
 *   <li>membership rows (a role change takes only its own);
 *   <li>the shared counters of V2 to V8, which triggers take at the end of each statement.
 * </ol>
 * The user comes first because a deletion must know the user's organizations before it locks
 * them: once it holds the user's row no add can take the foreign key's share of it, so no
 * membership of the user can appear in between.
 */
public final class MembershipService {

    static final int ORGANIZATIONS_PER_PAGE = 1_000;

    private final Jdbi jdbi;
    private final MembershipRepository memberships = new MembershipRepository();
    private final OrganizationRepository organizations = new OrganizationRepository();
    private final Ids ids;
    private final Clock clock;

    public MembershipService(Jdbi jdbi, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
    }

    /** The total is the organization's member count, kept true by the database. */
    Page<OrganizationMember> list(String organizationId, PageRequest page) {
        return jdbi.withHandle(handle -> {
            Organization organization = organizations.find(handle, organizationId).orElseThrow(OrganizationService::notFound);
            return Page.of(organizations.members(handle, organizationId, page.offset(), page.perPage()),
                    organization.memberCount(), page);
        });
    }

    OrganizationMember get(String organizationId, String memberId) {
        return jdbi.withHandle(handle -> member(handle, organizationId, memberId));
    }

    /** The foreign keys and the unique key decide (SPEC C1, C2), not a prior look-up. */
    OrganizationMember add(String organizationId, NewMembership request) {
        Instant now = now();
        var membership = new Membership(ids.next("member"), organizationId, request.userId(), request.role(), now, now);
        try {
            return jdbi.inTransaction(handle -> {
                memberships.lockUser(handle, request.userId());
                organizations.lockForMembers(handle, organizationId);
                memberships.insert(handle, membership);
                return member(handle, organizationId, membership.id());
            });
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    /** Locks only the membership row: the member count does not change. */
    OrganizationMember update(String organizationId, String memberId, Patch<String> role) {
        return jdbi.inTransaction(handle -> {
            Membership current = memberships.findForUpdate(handle, organizationId, memberId)
                    .orElseThrow(() -> missing(handle, organizationId));
            String newRole = role.applyTo(current.role());
            if (!newRole.equals(current.role())) {
                memberships.update(handle, new Membership(current.id(), current.organizationId(), current.userId(),
                        newRole, current.createdAt(), now()));
            }
            return member(handle, organizationId, memberId);
        });
    }

    void remove(String organizationId, String memberId) {
        jdbi.useTransaction(handle -> {
            organizations.lockForMembers(handle, organizationId);
            if (!memberships.delete(handle, organizationId, memberId)) {
                throw missing(handle, organizationId);
            }
        });
    }

    /**
     * The user's organizations in the order they joined (SPEC A5), a page of at most
     * {@link #ORGANIZATIONS_PER_PAGE}: a user in 10,000 organizations answered 3.8 MB in 420 ms.
     * The total counts them all.
     */
    Listing<UserOrganization> organizationsOf(String userId, PageRequest page) {
        return jdbi.withHandle(handle -> {
            if (!memberships.userExists(handle, userId)) {
                throw UserService.notFound();
            }
            long total = memberships.countOfUser(handle, userId);
            List<Membership> joined = memberships.ofUser(handle, userId, page.offset(), page.perPage());
            Map<String, OrganizationSummary> summaries = organizations.summaries(handle,
                    joined.stream().map(Membership::organizationId).toList());
            // An organization deleted between the two reads has taken its membership with it.
            return Listing.of(joined.stream()
                    .filter(membership -> summaries.containsKey(membership.organizationId()))
                    .map(membership -> new UserOrganization(summaries.get(membership.organizationId()), membership))
                    .toList(), total);
        });
    }

    static ApiException notFound() {
        return ApiException.notFound("Member not found");
    }

    private OrganizationMember member(Handle handle, String organizationId, String memberId) {
        return organizations.member(handle, organizationId, memberId).orElseThrow(() -> missing(handle, organizationId));
    }

    /** Which is missing, the organization or only the member, so the client knows which id is wrong. */
    private ApiException missing(Handle handle, String organizationId) {
        return organizations.find(handle, organizationId).isPresent() ? notFound() : OrganizationService.notFound();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static RuntimeException translated(RuntimeException e) {
        Optional<String> foreignKey = SqlErrors.foreignKeyViolation(e);
        if (foreignKey.filter(MembershipRepository.ORGANIZATION_CONSTRAINT::equals).isPresent()) {
            return OrganizationService.notFound();
        }
        if (foreignKey.filter(MembershipRepository.USER_CONSTRAINT::equals).isPresent()) {
            return ApiException.invalidField("userId", "User not found");
        }
        if (SqlErrors.uniqueViolation(e).filter(MembershipRepository.MEMBER_CONSTRAINT::equals).isPresent()) {
            return ApiException.conflict("User is already a member", "userId", "This user is already a member of the organization");
        }
        return e;
    }
}
