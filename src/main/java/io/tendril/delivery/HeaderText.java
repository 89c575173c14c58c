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
        if (isClean(value)) {
            return value;
        }
        String oneLine = BREAKS.matcher(value).replaceAll(" ");
        return SPACES.matcher(oneLine).replaceAll(" ").strip();
    }

    /** True when clean would return {@code value} unchanged; most values are, and cheaply. */
    private static boolean isClean(String value) {
        int length = value.length();
        if (length == 0) {
            return true;
        }
        if (Character.isWhitespace(value.charAt(0))
                || Character.isWhitespace(value.charAt(length - 1))) {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029'
                    || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }
}
