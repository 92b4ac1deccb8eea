package my.invois.simulator;

/** LHDN's APIs with their per-client-ID budgets per minute (EINVOICE E6, anchors §1.3). */
enum Api {
    LOGIN("login", 12),
    SUBMIT("submit", 100),
    GET_SUBMISSION("getSubmission", 300),
    DETAILS("details", 125),
    RAW("raw", 60),
    CANCEL("cancel", 12),
    SEARCH("search", 12),
    VALIDATE_TIN("validateTin", 60);

    private final String key;
    private final int perMinute;

    Api(String key, int perMinute) {
        this.key = key;
        this.perMinute = perMinute;
    }

    String key() {
        return key;
    }

    int perMinute() {
        return perMinute;
    }

    static int budgetOf(String key) {
        for (Api api : values()) {
            if (api.key.equals(key)) {
                return api.perMinute;
            }
        }
        return 0;
    }
}
