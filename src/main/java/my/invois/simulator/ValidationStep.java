package my.invois.simulator;

import java.util.List;

/** One step of validationResults.validationSteps[] (reference §2.5). */
record ValidationStep(String status, String name, StepError error) {

    static final String VALID = "Valid";
    static final String INVALID = "Invalid";

    /** A step that passed, or failed with every error its validator found under one step error. */
    static ValidationStep of(int number, String validator, List<StepError> errors) {
        String name = String.format("Step%02d-%s", number, validator);
        if (errors.isEmpty()) {
            return new ValidationStep(VALID, name, null);
        }
        String code = String.format("Error%02d", number);
        return new ValidationStep(INVALID, name, new StepError(null, null, code, validator, validator, List.copyOf(errors)));
    }

    boolean valid() {
        return VALID.equals(status);
    }
}
