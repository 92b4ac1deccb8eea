package my.invois.organizations;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import my.invois.db.Ids;
import my.invois.db.SqlErrors;
import my.invois.http.ApiException;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Organization rules that need the database; each write is one transaction, reads run statement by statement. */
public final class OrganizationService {

    /** SPEC B4: the full form lists the first 100 members; the rest are paginated under C1. */
    static final int MEMBERS_SHOWN = 100;

    private final Jdbi jdbi;
    private final OrganizationRepository organizations = new OrganizationRepository();
    private final PremiumTierRepository tiers = new PremiumTierRepository();
    private final Ids ids;
    private final Clock clock;

    public OrganizationService(Jdbi jdbi, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * An explicit slug that is taken is a 409; a generated one is retried with a suffix, each
     * attempt in its own transaction (a failed insert ends its transaction).
     */
    OrganizationDetails create(NewOrganization request) {
        if (request.slug() != null) {
            return insert(request, request.slug()).orElseThrow(OrganizationService::slugTaken);
        }
        String base = Slugs.fromName(request.name());
        for (int attempt = 1; attempt <= Slugs.MAX_ATTEMPTS; attempt++) {
            Optional<OrganizationDetails> created = insert(request, Slugs.candidate(base, attempt));
            if (created.isPresent()) {
                return created.get();
            }
        }
        throw slugTaken();
    }

    OrganizationDetails get(String id) {
        return jdbi.withHandle(handle -> details(handle, id));
    }

    OrganizationDetails update(String id, OrganizationFields changes) {
        try {
            return jdbi.inTransaction(handle -> {
                Organization current = organizations.findForUpdate(handle, id).orElseThrow(OrganizationService::notFound);
                Organization updated = apply(changes, current);
                if (!updated.equals(current)) {
                    updated = withUpdatedAt(updated, now());
                    organizations.update(handle, updated);
                }
                return details(handle, id);
            });
        } catch (RuntimeException e) {
            throw translated(e);
        }
    }

    /** Tax law keeps submitted e-invoices (docs/EINVOICING.md#deleting-an-organization): those make the delete a 409. */
    void delete(String id) {
        jdbi.useTransaction(handle -> {
            organizations.findForUpdate(handle, id).orElseThrow(OrganizationService::notFound);
            if (organizations.hasSubmittedEinvoices(handle, id)) {
                throw ApiException.conflict("Organization has submitted e-invoices", "id",
                        "Its e-invoices were submitted to LHDN and are kept as tax law requires");
            }
            organizations.delete(handle, id);
        });
    }

    Page<OrganizationSummary> list(OrganizationFilter filter, PageRequest page) {
        return jdbi.withHandle(handle -> Page.of(
                organizations.page(handle, filter, page.offset(), page.perPage()), organizations.count(handle, filter), page));
    }

    List<PremiumTier> premiumTiers() {
        return jdbi.withHandle(tiers::all);
    }

    /** The tier catalogue, so that validation can name an unknown premiumTierId with the other fields. */
    Set<String> premiumTierIds() {
        return premiumTiers().stream().map(PremiumTier::id).collect(Collectors.toUnmodifiableSet());
    }

    /** For other features: the organization does not exist. */
    public static ApiException notFound() {
        return ApiException.notFound("Organization not found");
    }

    /** Empty when the slug is taken; any other failure is thrown. */
    private Optional<OrganizationDetails> insert(NewOrganization request, String slug) {
        Instant now = now();
        var organization = new Organization(ids.next("org"), request.name(), slug, Optional.ofNullable(request.logo()),
                Optional.ofNullable(request.premiumTierId()), 0, now, now);
        try {
            return Optional.of(jdbi.inTransaction(handle -> {
                organizations.insert(handle, organization);
                return new OrganizationDetails(summary(handle, organization.id()), List.of());
            }));
        } catch (RuntimeException e) {
            if (isSlugClash(e)) {
                return Optional.empty();
            }
            throw translated(e);
        }
    }

    /** Read back after a write too, so the details show the tier as stored. */
    private OrganizationSummary summary(Handle handle, String id) {
        return organizations.findSummary(handle, id).orElseThrow(OrganizationService::notFound);
    }

    private OrganizationDetails details(Handle handle, String id) {
        return new OrganizationDetails(summary(handle, id), organizations.members(handle, id, 0, MEMBERS_SHOWN));
    }

    private static Organization apply(OrganizationFields changes, Organization organization) {
        return new Organization(organization.id(),
                changes.name().applyTo(organization.name()),
                changes.slug().applyTo(organization.slug()),
                Optional.ofNullable(changes.logo().applyTo(organization.logo().orElse(null))),
                Optional.ofNullable(changes.premiumTierId().applyTo(organization.premiumTierId().orElse(null))),
                organization.memberCount(), organization.createdAt(), organization.updatedAt());
    }

    private static Organization withUpdatedAt(Organization organization, Instant now) {
        return new Organization(organization.id(), organization.name(), organization.slug(), organization.logo(),
                organization.premiumTierId(), organization.memberCount(), organization.createdAt(), now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean isSlugClash(RuntimeException e) {
        return SqlErrors.uniqueViolation(e).filter(OrganizationRepository.SLUG_CONSTRAINT::equals).isPresent();
    }

    /** SPEC B2: the unique slug and the tier's foreign key decide, not a prior look-up. */
    private static RuntimeException translated(RuntimeException e) {
        if (isSlugClash(e)) {
            return slugTaken();
        }
        if (SqlErrors.foreignKeyViolation(e).filter(OrganizationRepository.PREMIUM_TIER_CONSTRAINT::equals).isPresent()) {
            return ApiException.invalidField("premiumTierId", "Premium tier not found");
        }
        return e;
    }

    private static ApiException slugTaken() {
        return ApiException.conflict("Slug already exists", "slug", "This slug is already taken");
    }
}
