package my.invois.einvoicesettings;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import my.invois.http.FieldErrors;
import my.invois.http.Patch;
import my.invois.organizations.OrganizationService;
import my.invois.secrets.Sealed;
import my.invois.secrets.SecretBox;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * E2 settings: reads, and the partial update in one transaction that validates the settings as
 * they would be stored (fields across, completeness before enabling, the keystore check). The
 * public methods are for the e-invoicing engine: the supplier's settings, and its own LHDN client opened.
 */
public final class EinvoiceSettingsService {

    private final Jdbi jdbi;
    private final EinvoiceSettingsRepository settings = new EinvoiceSettingsRepository();
    private final SecretBox box;
    private final KeystoreCheck keystoreCheck;
    private final Clock clock;

    public EinvoiceSettingsService(Jdbi jdbi, SecretBox box, KeystoreCheck keystoreCheck, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.keystoreCheck = keystoreCheck;
        this.clock = clock;
    }

    /** The organization's settings (LHDN's defaults before its first PUT); empty when the organization does not exist. */
    public Optional<EinvoiceSettings> settings(String organizationId) {
        return jdbi.withHandle(handle -> settings(handle, organizationId));
    }

    /** The merchant's own LHDN client with its secrets opened, when lhdnClient is own and all four are set. */
    public Optional<OwnLhdnClient> ownLhdnClient(String organizationId) {
        return settings(organizationId)
                .filter(found -> found.lhdnClient() == LhdnClient.OWN)
                .filter(found -> found.clientId().isPresent() && found.clientSecret().isPresent()
                        && found.signingKeystore().isPresent() && found.signingKeystorePassword().isPresent())
                .map(found -> new OwnLhdnClient(found.clientId().get(),
                        box.openText(found.clientSecret().get(), context(organizationId, "clientSecret")),
                        box.open(found.signingKeystore().get(), context(organizationId, "signingKeystore")),
                        box.openText(found.signingKeystorePassword().get(), context(organizationId, "signingKeystorePassword"))));
    }

    EinvoiceSettings get(String organizationId) {
        return settings(organizationId).orElseThrow(OrganizationService::notFound);
    }

    EinvoiceSettings update(String organizationId, EinvoiceSettingsFields changes) {
        return jdbi.inTransaction(handle -> {
            String name = settings.lockOrganization(handle, organizationId).orElseThrow(OrganizationService::notFound);
            EinvoiceSettings current = settings.find(handle, organizationId)
                    .orElseGet(() -> EinvoiceSettings.defaults(organizationId, name));
            EinvoiceSettings changed = apply(changes, current);
            FieldErrors errors = EinvoiceSettingsCheck.check(changed);
            checkKeystore(changes, changed, errors);
            errors.throwIfAny();
            if (changed.equals(current)) {
                return current;
            }
            Instant now = now();
            EinvoiceSettings saved = stamped(changed, current.createdAt().orElse(now), now);
            settings.save(handle, saved);
            return saved;
        });
    }

    /** The same, read on the caller's transaction. */
    public Optional<EinvoiceSettings> settings(Handle handle, String organizationId) {
        Optional<EinvoiceSettings> stored = settings.find(handle, organizationId);
        if (stored.isPresent()) {
            return stored;
        }
        return settings.organizationName(handle, organizationId).map(name -> EinvoiceSettings.defaults(organizationId, name));
    }

    /** Only when the keystore, its password or the TIN it must name changes. */
    private void checkKeystore(EinvoiceSettingsFields changes, EinvoiceSettings changed, FieldErrors errors) {
        boolean touched = !kept(changes.signingKeystore()) || !kept(changes.signingKeystorePassword()) || !kept(changes.tin());
        if (!touched || changed.signingKeystore().isEmpty() || changed.signingKeystorePassword().isEmpty()
                || errors.has("signingKeystore")) {
            return;
        }
        String id = changed.organizationId();
        keystoreCheck.problem(box.open(changed.signingKeystore().get(), context(id, "signingKeystore")),
                        box.openText(changed.signingKeystorePassword().get(), context(id, "signingKeystorePassword")), changed.tin())
                .ifPresent(problem -> errors.add("signingKeystore", problem));
    }

    private EinvoiceSettings apply(EinvoiceSettingsFields changes, EinvoiceSettings current) {
        String id = current.organizationId();
        return new EinvoiceSettings(id, current.registrationName(),
                patched(changes.tin(), current.tin()),
                patched(changes.registrationType(), current.registrationType()),
                patched(changes.registrationNumber(), current.registrationNumber()),
                orDefault(changes.sstNumber(), current.sstNumber(), EinvoiceSettingsRules.NOT_APPLICABLE),
                orDefault(changes.tourismTaxNumber(), current.tourismTaxNumber(), EinvoiceSettingsRules.NOT_APPLICABLE),
                patched(changes.msicCode(), current.msicCode()),
                patched(changes.businessActivity(), current.activity()),
                patched(changes.address(), current.address()),
                patched(changes.phone(), current.phone()),
                patched(changes.email(), current.email()),
                orDefault(changes.defaultClassification(), current.defaultClassification(),
                        EinvoiceSettings.DEFAULT_CLASSIFICATION),
                orDefault(changes.taxType(), current.taxType(), EinvoiceSettingsRules.NO_TAX),
                orDefault(changes.taxTypesByRate(), current.taxTypesByRate(),
                        EinvoiceSettings.DEFAULT_TAX_TYPES_BY_RATE),
                orDefault(changes.lhdnClient(), current.lhdnClient(), LhdnClient.INTERMEDIARY),
                patched(changes.clientId(), current.clientId()),
                sealed(changes.clientSecret().map(EinvoiceSettingsService::utf8), current.clientSecret(), context(id, "clientSecret")),
                sealed(changes.signingKeystore(), current.signingKeystore(), context(id, "signingKeystore")),
                sealed(changes.signingKeystorePassword().map(EinvoiceSettingsService::utf8), current.signingKeystorePassword(),
                        context(id, "signingKeystorePassword")),
                orDefault(changes.enabled(), current.enabled(), false),
                current.createdAt(), current.updatedAt());
    }

    /** A new secret is sealed at once; the plaintext goes no further than this transaction. */
    private Optional<Sealed> sealed(Patch<byte[]> change, Optional<Sealed> current, String context) {
        if (change instanceof Patch.Set<byte[]> set) {
            return Optional.of(box.seal(set.value(), context));
        }
        return cleared(change) ? Optional.empty() : current;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Associated data of a sealed secret: it opens only as this field of this organization. */
    private static String context(String organizationId, String field) {
        return "einvoice-settings/" + organizationId + "/" + field;
    }

    private static <T> Optional<T> patched(Patch<T> change, Optional<T> current) {
        return Optional.ofNullable(change.applyTo(current.orElse(null)));
    }

    private static <T> T orDefault(Patch<T> change, T current, T fallback) {
        return cleared(change) ? fallback : change.applyTo(current);
    }

    private static boolean kept(Patch<?> change) {
        return change instanceof Patch.Keep;
    }

    private static boolean cleared(Patch<?> change) {
        return change instanceof Patch.Clear;
    }

    private static EinvoiceSettings stamped(EinvoiceSettings s, Instant createdAt, Instant updatedAt) {
        return new EinvoiceSettings(s.organizationId(), s.registrationName(), s.tin(), s.registrationType(), s.registrationNumber(),
                s.sstNumber(), s.tourismTaxNumber(), s.msicCode(), s.activity(), s.address(), s.phone(), s.email(),
                s.defaultClassification(), s.taxType(), s.taxTypesByRate(), s.lhdnClient(), s.clientId(), s.clientSecret(),
                s.signingKeystore(), s.signingKeystorePassword(), s.enabled(), Optional.of(createdAt), Optional.of(updatedAt));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
