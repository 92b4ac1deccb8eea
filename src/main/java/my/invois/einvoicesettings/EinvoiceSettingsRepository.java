package my.invois.einvoicesettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import my.invois.db.Columns;
import my.invois.secrets.Sealed;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The einvoice_settings table, with the organization's name as the registration name. Runs on the caller's handle. */
final class EinvoiceSettingsRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> RATES = new TypeReference<>() {
    };
    private static final String SELECT = "SELECT o.name AS registration_name, s.* FROM einvoice_settings s "
            + "JOIN organizations o ON o.id = s.organization_id WHERE s.organization_id = :organizationId";

    private static final RowMapper<EinvoiceSettings> SETTINGS = (row, context) -> new EinvoiceSettings(
            row.getString("organization_id"),
            row.getString("registration_name"),
            Columns.optionalText(row, "tin"),
            Columns.optionalText(row, "registration_type"),
            Columns.optionalText(row, "registration_number"),
            row.getString("sst_number"),
            row.getString("tourism_tax_number"),
            Columns.optionalText(row, "msic_code"),
            Columns.optionalText(row, "business_activity"),
            address(row),
            Columns.optionalText(row, "phone"),
            Columns.optionalText(row, "email"),
            row.getString("default_classification"),
            row.getString("tax_type"),
            rates(row.getString("tax_types_by_rate")),
            LhdnClient.parse(row.getString("lhdn_client")).orElseThrow(),
            Columns.optionalText(row, "client_id"),
            sealed(row, "client_secret"),
            sealed(row, "signing_keystore"),
            sealed(row, "signing_keystore_password"),
            row.getBoolean("enabled"),
            Optional.of(Columns.instant(row, "created_at")),
            Optional.of(Columns.instant(row, "updated_at")));

    /**
     * The organization's name, its row locked against deletion and against other settings
     * writers until the transaction ends. Taken before the settings row, the order in which
     * deleting an organization (which cascades to its settings) takes them, so the two cannot deadlock.
     */
    Optional<String> lockOrganization(Handle handle, String organizationId) {
        return handle.createQuery("SELECT name FROM organizations WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", organizationId)
                .mapTo(String.class)
                .findOne();
    }

    Optional<String> organizationName(Handle handle, String organizationId) {
        return handle.createQuery("SELECT name FROM organizations WHERE id = :id")
                .bind("id", organizationId)
                .mapTo(String.class)
                .findOne();
    }

    Optional<EinvoiceSettings> find(Handle handle, String organizationId) {
        return handle.createQuery(SELECT).bind("organizationId", organizationId).map(SETTINGS).findOne();
    }

    void save(Handle handle, EinvoiceSettings settings) {
        Optional<Address> address = settings.address();
        handle.createUpdate("INSERT INTO einvoice_settings (organization_id, tin, registration_type, registration_number, "
                        + "sst_number, tourism_tax_number, msic_code, business_activity, address_lines, address_city, "
                        + "address_postcode, address_state, address_country, phone, email, default_classification, tax_type, "
                        + "tax_types_by_rate, lhdn_client, client_id, client_secret, signing_keystore, signing_keystore_password, "
                        + "enabled, created_at, updated_at) VALUES (:organizationId, :tin, :registrationType, :registrationNumber, "
                        + ":sstNumber, :tourismTaxNumber, :msicCode, :activity, :addressLines, :addressCity, :addressPostcode, "
                        + ":addressState, :addressCountry, :phone, :email, :defaultClassification, :taxType, "
                        + "CAST(:taxTypesByRate AS jsonb), :lhdnClient, :clientId, :clientSecret, :signingKeystore, "
                        + ":signingKeystorePassword, :enabled, :createdAt, :updatedAt) "
                        + "ON CONFLICT (organization_id) DO UPDATE SET tin = EXCLUDED.tin, "
                        + "registration_type = EXCLUDED.registration_type, registration_number = EXCLUDED.registration_number, "
                        + "sst_number = EXCLUDED.sst_number, tourism_tax_number = EXCLUDED.tourism_tax_number, "
                        + "msic_code = EXCLUDED.msic_code, business_activity = EXCLUDED.business_activity, "
                        + "address_lines = EXCLUDED.address_lines, address_city = EXCLUDED.address_city, "
                        + "address_postcode = EXCLUDED.address_postcode, address_state = EXCLUDED.address_state, "
                        + "address_country = EXCLUDED.address_country, phone = EXCLUDED.phone, email = EXCLUDED.email, "
                        + "default_classification = EXCLUDED.default_classification, tax_type = EXCLUDED.tax_type, "
                        + "tax_types_by_rate = EXCLUDED.tax_types_by_rate, lhdn_client = EXCLUDED.lhdn_client, "
                        + "client_id = EXCLUDED.client_id, client_secret = EXCLUDED.client_secret, "
                        + "signing_keystore = EXCLUDED.signing_keystore, "
                        + "signing_keystore_password = EXCLUDED.signing_keystore_password, enabled = EXCLUDED.enabled, "
                        + "updated_at = EXCLUDED.updated_at")
                .bind("organizationId", settings.organizationId())
                .bind("tin", settings.tin())
                .bind("registrationType", settings.registrationType())
                .bind("registrationNumber", settings.registrationNumber())
                .bind("sstNumber", settings.sstNumber())
                .bind("tourismTaxNumber", settings.tourismTaxNumber())
                .bind("msicCode", settings.msicCode())
                .bind("activity", settings.activity())
                .bindByType("addressLines", address.map(a -> a.lines().toArray(String[]::new)).orElse(null), String[].class)
                .bind("addressCity", address.map(Address::city))
                .bind("addressPostcode", address.flatMap(Address::postcode))
                .bind("addressState", address.map(Address::state))
                .bind("addressCountry", address.map(Address::country))
                .bind("phone", settings.phone())
                .bind("email", settings.email())
                .bind("defaultClassification", settings.defaultClassification())
                .bind("taxType", settings.taxType())
                .bind("taxTypesByRate", json(settings.taxTypesByRate()))
                .bind("lhdnClient", settings.lhdnClient().label())
                .bind("clientId", settings.clientId())
                .bind("clientSecret", bytes(settings.clientSecret()))
                .bind("signingKeystore", bytes(settings.signingKeystore()))
                .bind("signingKeystorePassword", bytes(settings.signingKeystorePassword()))
                .bind("enabled", settings.enabled())
                .bind("createdAt", settings.createdAt().orElseThrow())
                .bind("updatedAt", settings.updatedAt().orElseThrow())
                .execute();
    }

    private static Optional<Address> address(ResultSet row) throws SQLException {
        Array lines = row.getArray("address_lines");
        if (lines == null) {
            return Optional.empty();
        }
        return Optional.of(new Address(Arrays.asList((String[]) lines.getArray()), row.getString("address_city"),
                Columns.optionalText(row, "address_postcode"), row.getString("address_state"), row.getString("address_country")));
    }

    private static Optional<Sealed> sealed(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getBytes(column)).map(Sealed::new);
    }

    private static byte[] bytes(Optional<Sealed> sealed) {
        return sealed.map(Sealed::bytes).orElse(null);
    }

    private static Map<String, String> rates(String json) {
        try {
            return JSON.readValue(json, RATES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tax_types_by_rate holds no JSON object", e);
        }
    }

    private static String json(Map<String, String> rates) {
        try {
            return JSON.writeValueAsString(rates);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
