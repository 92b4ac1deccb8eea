package my.invois.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * LHDN's Currency validator: a document not in MYR carries TaxExchangeRate from its currency to
 * MYR with a positive rate (mandatory since 1 Sep 2025, anchors §1.7). Pure.
 */
final class CurrencyValidator {

    static final String EXCHANGE_RATE = "CUR-RATE";

    private CurrencyValidator() {
    }

    static List<StepError> validate(JsonNode invoice) {
        String currency = Ubl.text(invoice, "DocumentCurrencyCode").orElse("MYR");
        if (currency.equals("MYR")) {
            return List.of();
        }
        JsonNode rate = Ubl.first(invoice, "TaxExchangeRate");
        JsonNode value = Ubl.first(rate, "CalculationRate").path("_");
        boolean complete = Ubl.text(rate, "SourceCurrencyCode").filter(currency::equals).isPresent()
                && Ubl.text(rate, "TargetCurrencyCode").filter("MYR"::equals).isPresent()
                && value.isNumber() && value.decimalValue().signum() > 0;
        return complete ? List.of() : List.of(StepError.of("Invoice.TaxExchangeRate", EXCHANGE_RATE,
                "A document in " + currency + " needs TaxExchangeRate from " + currency + " to MYR with a positive CalculationRate"));
    }
}
