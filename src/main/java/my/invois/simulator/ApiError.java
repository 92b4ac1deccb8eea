package my.invois.simulator;

import java.util.List;

/** One API-level error or detail, LHDN's OData-style family (reference §2.3). */
record ApiError(String code, String message, String target, String propertyPath, List<ApiError> details) {

    static ApiError detail(String code, String message, String target, String propertyPath) {
        return new ApiError(code, message, target, propertyPath, null);
    }
}
