package my.invois.myinvois;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import my.invois.secrets.Sealed;
import org.jdbi.v3.core.Handle;

/** The lhdn_tokens table: sealed tokens, one per (client ID, taxpayer). Runs on the caller's handle. */
final class TokenRepository {

    record StoredToken(Sealed token, Instant expiresAt, Instant obtainedAt) {
    }

    /** Held until the caller's transaction ends: one instance at a time logs in for this key. */
    void lock(Handle handle, String clientId, String taxpayer) {
        handle.createQuery("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .bind("key", "lhdn_tokens/" + clientId + "/" + taxpayer).mapTo(String.class).one();
    }

    Optional<StoredToken> find(Handle handle, String clientId, String taxpayer) {
        return handle.createQuery("SELECT access_token, expires_at, obtained_at FROM lhdn_tokens"
                        + " WHERE client_id = :clientId AND taxpayer = :taxpayer")
                .bind("clientId", clientId).bind("taxpayer", taxpayer)
                .map((row, context) -> new StoredToken(new Sealed(row.getBytes("access_token")),
                        row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        row.getObject("obtained_at", OffsetDateTime.class).toInstant()))
                .findOne();
    }

    void save(Handle handle, String clientId, String taxpayer, Sealed token, Instant expiresAt, Instant obtainedAt) {
        handle.createUpdate("INSERT INTO lhdn_tokens (client_id, taxpayer, access_token, expires_at, obtained_at)"
                        + " VALUES (:clientId, :taxpayer, :token, :expiresAt, :obtainedAt)"
                        + " ON CONFLICT (client_id, taxpayer) DO UPDATE SET access_token = EXCLUDED.access_token,"
                        + " expires_at = EXCLUDED.expires_at, obtained_at = EXCLUDED.obtained_at")
                .bind("clientId", clientId).bind("taxpayer", taxpayer).bind("token", token.bytes())
                .bind("expiresAt", expiresAt).bind("obtainedAt", obtainedAt)
                .execute();
    }
}
