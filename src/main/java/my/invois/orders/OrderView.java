package my.invois.orders;

import java.util.List;

/** An order with its refunds and the e-invoices covering it, as one response shows it. */
record OrderView(Order order, List<OrderRefund> refunds, List<String> einvoiceIds) {

    OrderView {
        refunds = List.copyOf(refunds);
        einvoiceIds = List.copyOf(einvoiceIds);
    }
}
