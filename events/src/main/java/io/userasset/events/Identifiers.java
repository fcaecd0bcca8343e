package io.userasset.events;

/**
 * The identifier rule of SPEC §2, checked in code as well as by the schemas (which cannot see unpaired
 * surrogates): 1–256 Unicode characters (code points), no control characters (U+0000–U+001F,
 * U+007F–U+009F), well-formed UTF-16. Unicode letters, marks, symbols and emoji are fine.
 */
public final class Identifiers {

    private Identifiers() {}

    /** True when s is a valid identifier. */
    public static boolean isValid(String s) {
        return s != null && problem(s) == null;
    }

    /** Why s is not a valid identifier (a phrase such as "must not be empty"), or null when it is. */
    static String problem(String s) {
        int n = s.length();
        if (n == 0) return "must not be empty";
        int codePoints = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return String.format("contains the control character U+%04X", (int) c);
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate (not valid Unicode)";
                }
            }
            codePoints++;
        }
        if (codePoints > EventParser.MAX_IDENTIFIER_LENGTH) {
            return "is " + codePoints + " characters long; at most " + EventParser.MAX_IDENTIFIER_LENGTH + " are allowed";
        }
        return null;
    }
}
