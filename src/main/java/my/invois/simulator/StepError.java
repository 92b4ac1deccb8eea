package my.invois.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One validation error, LHDN's validation family (reference §2.3). The Malay text is spelled
 * both ways LHDN spells it: {@code errorMS} in the SDK's table, {@code errorMs} in real answers.
 */
record StepError(String propertyName, String propertyPath, String errorCode, String error,
                 @JsonProperty("errorMS") String errorMS, List<StepError> innerError) {

    static StepError of(String propertyPath, String errorCode, String message) {
        String name = propertyPath == null ? null : propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
        return new StepError(name, propertyPath, errorCode, message, message, null);
    }

    @JsonProperty("errorMs")
    String errorMs() {
        return errorMS;
    }
}
