package my.invois.users;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import my.invois.db.Ids;
import my.invois.db.SqlErrors;
import my.invois.http.ApiException;
import my.invois.http.Page;
import my.invois.http.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * User rules that need the database. Each write is one transaction; reads run statement by
 * statement (READ COMMITTED would give a multi-statement read no stronger guarantee).
 */
public final class UserService {

    private final Jdbi jdbi;
    private final UserRepository users = new UserRepository();
    private final UserSearch search;
    private final Ids ids;
    private final Clock clock;

    public UserService(Jdbi jdbi, UserSearch search, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.search = search;
        this.ids = ids;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    UserDetails create(NewUser request) {
        Instant now = now();
        var user = new User(ids.next("user"), request.name(), Optional.ofNullable(request.firstName()),
                Optional.ofNullable(request.lastName()), request.email(), Optional.ofNullable(request.phone()),
                Optional.ofNullable(request.dob()), request.role(), now, now);
        writing(() -> jdbi.useTransaction(handle -> users.insert(handle, user)));
        return new UserDetails(user, List.of());
    }

    UserDetails get(String id) {
        return jdbi.withHandle(handle -> users.findDetails(handle, id)).orElseThrow(UserService::notFound);
    }

    UserDetails update(String id, UserFields changes) {
        return writing(() -> jdbi.inTransaction(handle -> {
            User current = users.findForUpdate(handle, id).orElseThrow(UserService::notFound);
            User updated = apply(changes, current);
            if (!updated.equals(current)) {
                updated = withUpdatedAt(updated, now());
                users.update(handle, updated);
            }
            return details(handle, updated);
        }));
    }

    void delete(String id) {
        // Lock order (MembershipService): the user, their organizations, then the cascade to memberships.
        if (!jdbi.inTransaction(handle -> {
            if (users.findForUpdate(handle, id).isEmpty()) {
                return false;
            }
            users.lockOrganizationsOf(handle, id);
            return users.delete(handle, id);
        })) {
            throw notFound();
        }
    }

    Page<User> list(UserFilter filter, PageRequest page) {
        return search.list(filter, page);
    }

    /** For other features: the answer when a user does not exist. */
    public static ApiException notFound() {
        return ApiException.notFound("User not found");
    }

    private UserDetails details(Handle handle, User user) {
        return new UserDetails(user, users.memberships(handle, user.id()));
    }

    private static User apply(UserFields changes, User user) {
        return new User(user.id(),
                changes.name().applyTo(user.name()),
                Optional.ofNullable(changes.firstName().applyTo(user.firstName().orElse(null))),
                Optional.ofNullable(changes.lastName().applyTo(user.lastName().orElse(null))),
                changes.email().applyTo(user.email()),
                Optional.ofNullable(changes.phone().applyTo(user.phone().orElse(null))),
                Optional.ofNullable(changes.dob().applyTo(user.dob().orElse(null))),
                changes.role().applyTo(user.role()),
                user.createdAt(), user.updatedAt());
    }

    private static User withUpdatedAt(User user, Instant now) {
        return new User(user.id(), user.name(), user.firstName(), user.lastName(), user.email(), user.phone(),
                user.dob(), user.role(), user.createdAt(), now);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** SPEC A3: the unique index decides; a clash is a 409 naming the field. */
    private static <T> T writing(Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (SqlErrors.uniqueViolation(e).filter(UserRepository.EMAIL_CONSTRAINT::equals).isPresent()) {
                throw ApiException.conflict("Email already exists", "email", "This email is already registered");
            }
            throw e;
        }
    }

    private static void writing(Runnable write) {
        writing(() -> {
            write.run();
            return null;
        });
    }
}
