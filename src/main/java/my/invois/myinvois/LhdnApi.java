package my.invois.myinvois;

/**
 * The LHDN APIs Invois calls, with LHDN's published requests per minute per client ID (E6,
 * anchors §1.3). Invois spends a little less than each figure ({@link #budget()}): the margin
 * absorbs clock skew between instances and LHDN's own window alignment (docs/EINVOICING.md, Budgets).
 */
public enum LhdnApi {
    LOGIN("login", 12, false),
    SUBMIT("submit", 100, true),
    GET_SUBMISSION("get submission", 300, false),
    DETAILS("details", 125, false),
    CANCEL("cancel", 12, true),
    VALIDATE_TIN("validate TIN", 60, false),
    SEARCH("search", 12, false);

    private final String label;
    private final int perMinute;
    private final boolean changesState;

    LhdnApi(String label, int perMinute, boolean changesState) {
        this.label = label;
        this.perMinute = perMinute;
        this.changesState = changesState;
    }

    public String label() {
        return label;
    }

    /** LHDN's figure. */
    public int perMinute() {
        return perMinute;
    }

    /**
     * What Invois spends per minute: LHDN's figure less a twentieth (at least one call). A tenth
     * capped a backlog at 90 % of LHDN's 100 submissions a minute, so the engine could never reach
     * 90 % of the ceiling with any imperfection (bench/engine.sh, BENCHMARKS.md).
     */
    public int budget() {
        return perMinute - Math.max(1, perMinute / 20);
    }

    /** A call that changes LHDN's state: a timeout after sending it leaves its outcome unknown. */
    boolean changesState() {
        return changesState;
    }
}
