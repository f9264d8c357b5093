package io.asyncio4j.tools;

/**
 * Makes a string from a target safe to print on a terminal: C0 and C1 control characters (ESC, so no ANSI escape
 * sequence, and CSI among them), DEL, the Unicode bidirectional controls (which reorder what a terminal shows),
 * other invisible format characters, and unpaired surrogates are written as {@code \xNN} or {@code \\uNNNN}; a
 * backslash as {@code \\}, so that an escape shown is never ambiguous with text sent.
 */
final class Sanitizer {
    private Sanitizer() {
    }

    static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = null;
            if (c == '\\') {
                r = "\\\\";
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                r = String.format("\\x%02x", (int) c);
            } else if (Character.getType(c) == Character.FORMAT || Character.isSurrogate(c)
                    || c == '\u2028' || c == '\u2029') {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                        && Character.getType(s.codePointAt(i)) != Character.FORMAT) {
                    // A well-formed pair of a visible character: keep both halves.
                    if (b != null) {
                        b.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                r = String.format("\\u%04x", (int) c);
            }
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
