package my.invois.simulator;

import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** SQL of the registered clients, their tokens and the taxpayers Validate TIN knows. */
final class ClientRepository {

    private final Jdbi jdbi;

    ClientRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Registers or replaces a client; {@code taxpayers} null: any (development mode). */
    void save(String clientId, String secret, Optional<String> tin, Set<String> taxpayers) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO myinvois_sim.clients (client_id, secret_sha256, tin, taxpayers)"
                        + " VALUES (:id, :secret, :tin, :taxpayers) ON CONFLICT (client_id) DO UPDATE"
                        + " SET secret_sha256 = EXCLUDED.secret_sha256, tin = EXCLUDED.tin, taxpayers = EXCLUDED.taxpayers")
                .bind("id", clientId).bind("secret", Hashes.hex(secret)).bind("tin", tin.orElse(null))
                .bind("taxpayers", taxpayers == null ? null : taxpayers.toArray(String[]::new)).execute());
    }

    Optional<RegisteredClient> find(String clientId, String secret) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT client_id, tin, taxpayers FROM myinvois_sim.clients"
                        + " WHERE client_id = :id AND secret_sha256 = :secret")
                .bind("id", clientId).bind("secret", Hashes.hex(secret))
                .map((row, ctx) -> {
                    Array taxpayers = row.getArray("taxpayers");
                    return new RegisteredClient(row.getString("client_id"), "", Optional.ofNullable(row.getString("tin")),
                            taxpayers == null ? Set.of("*") : Set.copyOf(Arrays.asList((String[]) taxpayers.getArray())));
                }).findOne());
    }

    void saveToken(String token, String clientId, String taxpayerTin, Instant expiresAt) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO myinvois_sim.tokens (token_sha256, client_id, taxpayer_tin, expires_at)"
                        + " VALUES (:token, :client, :taxpayer, :expires)")
                .bind("token", Hashes.hex(token)).bind("client", clientId).bind("taxpayer", taxpayerTin).bind("expires", expiresAt).execute());
    }

    Optional<Session> session(String token, Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT t.client_id, c.tin, t.taxpayer_tin FROM myinvois_sim.tokens t"
                        + " JOIN myinvois_sim.clients c USING (client_id) WHERE t.token_sha256 = :token AND t.expires_at > :now")
                .bind("token", Hashes.hex(token)).bind("now", now)
                .map((row, ctx) -> new Session(row.getString("client_id"), Optional.ofNullable(row.getString("tin")),
                        row.getString("taxpayer_tin"))).findOne());
    }

    void saveTaxpayer(String tin, String idType, String idValue) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO myinvois_sim.taxpayers (tin, id_type, id_value)"
                + " VALUES (:tin, :type, :value) ON CONFLICT DO NOTHING").bind("tin", tin).bind("type", idType).bind("value", idValue).execute());
    }

    boolean taxpayerExists(String tin, String idType, String idValue) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT EXISTS (SELECT 1 FROM myinvois_sim.taxpayers"
                        + " WHERE tin = :tin AND id_type = :type AND id_value = :value)")
                .bind("tin", tin).bind("type", idType).bind("value", idValue).mapTo(Boolean.class).one());
    }
}
