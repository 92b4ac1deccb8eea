package my.invois.orders;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import my.invois.einvoices.document.Buyer;
import my.invois.http.ApiException;
import my.invois.myinvois.TinChecks;

/**
 * E5: the requesting buyer's TIN and registration, checked with LHDN's Validate TIN (cached, see
 * {@link TinChecks}) before an e-invoice is made for them. The general TINs of §1.10 stand for
 * buyers without a TIN of their own and belong to no taxpayer in LHDN's register: there is nothing
 * to ask about them. Every refusal leaves the order as it was.
 */
final class BuyerTins {

    private final TinChecks checks;
    private final Clock clock;

    BuyerTins(TinChecks checks, Clock clock) {
        this.checks = checks;
        this.clock = clock;
    }

    /** Returns when LHDN knows the buyer; else the request's 400, 409 or 503. */
    void check(String organizationId, Buyer buyer) {
        if (BuyerFields.GENERAL_BUYER_TINS.contains(buyer.tin())) {
            return;
        }
        TinChecks.Answer answer = checks.check(organizationId, buyer.tin(), buyer.registrationType(), buyer.registrationNumber());
        if (answer instanceof TinChecks.NotFound) {
            throw notFound(buyer.registrationType());
        }
        if (answer instanceof TinChecks.Unavailable unavailable) {
            throw ApiException.unavailable("LHDN's Validate TIN could not check the buyer's TIN now (" + unavailable.reason()
                    + "); nothing was stored: send the request again after Retry-After seconds",
                    Duration.between(clock.instant(), unavailable.retryAt()));
        }
        if (answer instanceof TinChecks.Refused refused) {
            throw OrderService.conflict("LHDN refused to check the buyer's TIN for this organization", "lhdn",
                    "LHDN answered " + Stream.of(String.valueOf(refused.status()), refused.error().code(), refused.error().message())
                            .filter(part -> !part.isBlank()).collect(Collectors.joining(" "))
                            + ": check the organization's own LHDN client, or what it granted the intermediary in MyTax");
        }
        if (answer instanceof TinChecks.NoAccount) {
            throw OrderService.conflict("The e-invoice settings are incomplete: LHDN cannot be called for this organization",
                    "lhdnClient", "No LHDN client can act for this organization: check its tin, clientId and clientSecret");
        }
    }

    private static ApiException notFound(String registrationType) {
        var details = new LinkedHashMap<String, List<String>>();
        details.put("tin", List.of("LHDN's Validate TIN knows no taxpayer with this TIN and this " + registrationType
                + ": check the TIN with the buyer (MyTax shows it)"));
        details.put("registrationNumber", List.of("LHDN's Validate TIN knows no taxpayer with this TIN and this " + registrationType
                + " number: check the number and its type with the buyer"));
        return ApiException.validation(details);
    }
}
