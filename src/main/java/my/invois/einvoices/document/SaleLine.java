package my.invois.einvoices.document;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One invoice line, always tax-exclusive, with the SDK mathematical mappings: subtotal = price ×
 * quantity, LineExtensionAmount = subtotal − allowances + charges, each tax charged on that amount.
 */
public record SaleLine(String description, String classification, BigDecimal quantity, BigDecimal unitPrice,
        List<Allowance> allowances, List<LineTax> taxes) {

    static final String INCLUSIVE_ROUNDING = "Rounding of tax-inclusive price";

    public SaleLine {
        allowances = List.copyOf(allowances);
        taxes = List.copyOf(taxes);
    }

    /** Prices and allowances exclude tax (Shopify {@code taxes_included: false}). */
    public static SaleLine exclusive(String description, String classification, BigDecimal quantity,
            BigDecimal unitPrice, List<Allowance> allowances, List<TaxCharge> charges) {
        BigDecimal net = lineExtension(Money.round(unitPrice.multiply(quantity)), allowances);
        return new SaleLine(description, classification, quantity, unitPrice, allowances, taxes(net, charges));
    }

    /**
     * Prices and allowances include tax (Shopify {@code taxes_included: true}). The exclusive line
     * amount is gross − tax, exactly, so payable stays Shopify's total. Price and allowances are
     * scaled by exclusive/gross at 2 decimals; the cents that scaling leaves go into one allowance or
     * charge named for it, so subtotal − allowances is still exactly gross − tax (docs/EINVOICING.md).
     */
    public static SaleLine inclusive(String description, String classification, BigDecimal quantity,
            BigDecimal grossPrice, List<Allowance> grossAllowances, List<TaxCharge> charges) {
        BigDecimal gross = lineExtension(Money.round(grossPrice.multiply(quantity)), grossAllowances);
        BigDecimal net = Money.round(gross.subtract(Money.sum(charges.stream().map(TaxCharge::amount).toList())));
        BigDecimal ratio = gross.signum() == 0 ? BigDecimal.ONE : net.divide(gross, MathContext.DECIMAL128);
        BigDecimal price = Money.round(grossPrice.multiply(ratio));
        var allowances = new ArrayList<Allowance>();
        grossAllowances.forEach(a -> allowances.add(new Allowance(a.reason(), Money.round(a.amount().multiply(ratio)))));
        BigDecimal left = lineExtension(Money.round(price.multiply(quantity)), allowances).subtract(net);
        if (left.signum() != 0) {
            allowances.add(new Allowance(INCLUSIVE_ROUNDING, left));
        }
        return new SaleLine(description, classification, quantity, price, allowances, taxes(net, charges));
    }

    public BigDecimal subtotal() {
        return Money.round(unitPrice.multiply(quantity));
    }

    public BigDecimal lineExtensionAmount() {
        return lineExtension(subtotal(), allowances);
    }

    public BigDecimal taxAmount() {
        return Money.sum(taxes.stream().map(LineTax::amount).toList());
    }

    private static BigDecimal lineExtension(BigDecimal subtotal, List<Allowance> allowances) {
        return Money.round(subtotal.subtract(Money.sum(allowances.stream().map(Allowance::amount).toList())));
    }

    private static List<LineTax> taxes(BigDecimal taxable, List<TaxCharge> charges) {
        if (charges.isEmpty()) {
            return List.of(LineTax.none(taxable));
        }
        return charges.stream().map(c -> new LineTax(c.taxType(), c.percent(), taxable, Money.round(c.amount()))).toList();
    }
}
