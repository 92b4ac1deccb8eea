package my.invois.shopify;

import java.util.Arrays;
import java.util.Locale;

/** Where a webhook delivery stands: waiting for its job, or settled (with the reason unless processed). */
public enum DeliveryState {
    RECEIVED, PROCESSED, IGNORED, FAILED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeliveryState of(String column) {
        return Arrays.stream(values()).filter(state -> state.column().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown delivery state " + column));
    }
}
