package io.tendril.delivery;

import java.util.regex.Pattern;

/** Makes text safe for a header field: no CR, LF or other control characters can remain. */
public final class HeaderText {

    /** C0 and C1 controls (CR, LF, TAB, NUL, NEL, ...) and the Unicode line separators. */
    private static final Pattern BREAKS =
            Pattern.compile("[\\p{Cntrl}\\x80-\\x9F\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private HeaderText() {
    }

    /** Returns {@code value} on one line: each run of control characters becomes one space. */
    public static String clean(String value) {
        if (value == null) {
            return "";
        }
        String oneLine = BREAKS.matcher(value).replaceAll(" ");
        return SPACES.matcher(oneLine).replaceAll(" ").strip();
    }
}
