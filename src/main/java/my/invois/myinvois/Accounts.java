package my.invois.myinvois;

import java.util.Optional;
import java.util.function.Function;
import my.invois.einvoicesettings.EinvoiceSettings;
import my.invois.einvoicesettings.EinvoiceSettingsService;
import my.invois.einvoicesettings.LhdnClient;

/** E1, E2: who calls LHDN for an issuer: its own client, or the intermediary acting on behalf of its TIN. */
public final class Accounts {

    private final EinvoiceSettingsService settings;
    private final Function<String, LhdnAccount> intermediary;

    public Accounts(EinvoiceSettingsService settings, Function<String, LhdnAccount> intermediary) {
        this.settings = settings;
        this.intermediary = intermediary;
    }

    /** Empty while the issuer has no TIN (or its own client is incomplete): its documents wait. */
    Optional<LhdnAccount> of(String organizationId) {
        Optional<EinvoiceSettings> found = settings.settings(organizationId).filter(s -> s.tin().isPresent());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String tin = found.get().tin().get();
        if (found.get().lhdnClient() == LhdnClient.OWN) {
            return settings.ownLhdnClient(organizationId).map(own -> LhdnAccount.own(own.clientId(), own.clientSecret(), tin));
        }
        return Optional.of(intermediary.apply(tin));
    }
}
