package my.invois.http;

/** Character rules shared by every text field and query parameter. */
public final class Text {

    private Text() {
    }

    /**
     * PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate cannot be encoded as
     * UTF-8; both are refused rather than silently altered.
     */
    public static boolean isStorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Length in characters as a person counts them (code points, not UTF-16 units). */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
