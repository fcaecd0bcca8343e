package io.userasset.events;

/** Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {

    private Utf8() {}

    /** The offset of the first byte that starts an invalid or truncated sequence, or -1 if all is valid. */
    static int firstInvalid(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i];
            if (c >= 0) { // ASCII
                i++;
                continue;
            }
            c &= 0xFF;
            if (c < 0xC2) return i; // continuation byte first, or overlong 2-byte lead (C0, C1)
            if (c < 0xE0) {
                if (i + 1 >= n || !cont(b[i + 1])) return i;
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) return i;
                int c1 = b[i + 1] & 0xFF;
                if (c == 0xE0 && c1 < 0xA0) return i; // overlong
                if (c == 0xED && c1 >= 0xA0) return i; // UTF-16 surrogate
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) return i;
                int c1 = b[i + 1] & 0xFF;
                if (c == 0xF0 && c1 < 0x90) return i; // overlong
                if (c == 0xF4 && c1 >= 0x90) return i; // above U+10FFFF
                i += 4;
            } else {
                return i; // F5..FF never appear in UTF-8
            }
        }
        return -1;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The index of the first unpaired UTF-16 surrogate in s, or -1. */
    static int firstUnpairedSurrogate(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
