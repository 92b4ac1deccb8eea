package my.invois.myinvois;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The lhdn_tin_checks table: LHDN's Validate TIN answers by buyer fingerprint. Runs on the caller's handle. */
final class TinCheckRepository {

    /** The answer still fresh: a valid one checked after {@code validSince}, a not-found one after {@code notFoundSince}. */
    Optional<Boolean> find(Handle handle, String lhdn, String buyer, Instant validSince, Instant notFoundSince) {
        return handle.createQuery("SELECT valid FROM lhdn_tin_checks WHERE lhdn = :lhdn AND buyer = :buyer"
                        + " AND checked_at > CASE WHEN valid THEN CAST(:validSince AS timestamptz) ELSE CAST(:notFoundSince AS timestamptz) END")
                .bind("lhdn", lhdn).bind("buyer", buyer).bind("validSince", validSince).bind("notFoundSince", notFoundSince)
                .mapTo(Boolean.class).findOne();
    }

    /** The latest answer replaces the one before; answers checked before {@code expired} go, fresh or not. */
    void save(Handle handle, String lhdn, String buyer, boolean valid, Instant checkedAt, Instant expired) {
        handle.createUpdate("INSERT INTO lhdn_tin_checks (lhdn, buyer, valid, checked_at) VALUES (:lhdn, :buyer, :valid, :checkedAt)"
                        + " ON CONFLICT (lhdn, buyer) DO UPDATE SET valid = EXCLUDED.valid, checked_at = EXCLUDED.checked_at")
                .bind("lhdn", lhdn).bind("buyer", buyer).bind("valid", valid).bind("checkedAt", checkedAt).execute();
        handle.createUpdate("DELETE FROM lhdn_tin_checks WHERE checked_at < :expired").bind("expired", expired).execute();
    }
}
