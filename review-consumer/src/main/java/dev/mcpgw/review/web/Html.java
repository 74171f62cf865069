package dev.mcpgw.review.web;

/**
 * Escaping for text and attribute values: everything an agent or approver wrote passes through here.
 * Invisible format characters are shown by their code point, so an approver reads what is there.
 */
final class Html {
    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                        out.append("&#xFFFD;");
                    } else if (Character.getType(c) == Character.FORMAT) {
                        // Bidi overrides, zero-width and tag characters would make the text read otherwise than it is: shown by name.
                        out.append("[U+").append(Integer.toHexString(c).toUpperCase()).append(']');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
