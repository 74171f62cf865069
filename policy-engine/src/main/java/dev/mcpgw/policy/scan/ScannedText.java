package dev.mcpgw.policy.scan;

/**
 * A text about to be scanned, with what the {@link Keywords} of every signature ask of it
 * computed once, when first asked.
 */
final class ScannedText {
    private final String text;
    private String folded;
    private int digits = -1;

    ScannedText(String text) {
        // RE2's \s lacks the vertical tab that Java's \s, which the patterns were written for, has.
        this.text = text.replace('\u000B', ' ');
    }

    String text() {
        return text;
    }

    /**
     * The text with every character folded to lower case the way {@code (?i)} compares letters:
     * each character taken to upper then to lower case, so that the long s (U+017F) becomes s and
     * the Kelvin sign (U+212A) becomes k, both of which RE2 matches case-insensitively to ASCII
     * letters. Folding may map more characters to ASCII letters than RE2 does; that only lets more
     * text through to the pattern.
     */
    String folded() {
        if (folded == null) {
            char[] chars = text.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                char c = chars[i];
                chars[i] = c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(Character.toUpperCase(c));
            }
            folded = new String(chars);
        }
        return folded;
    }

    int digits() {
        if (digits < 0) {
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    count++;
                }
            }
            digits = count;
        }
        return digits;
    }
}
