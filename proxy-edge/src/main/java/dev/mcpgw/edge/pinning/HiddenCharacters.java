package dev.mcpgw.edge.pinning;

import java.util.ArrayList;
import java.util.List;

/**
 * Characters that render as nothing (or reorder what is around them) yet reach the model: Unicode
 * tag characters (U+E0000..U+E007F, which can spell out a whole instruction invisibly), the bidi
 * embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069) and marks
 * (U+200E, U+200F, U+061C), and zero-width characters (U+200B..U+200D, U+2060, U+FEFF).
 */
final class HiddenCharacters {
    private HiddenCharacters() {
    }

    /** The kinds of hidden characters {@code text} holds, each once: "tag characters", "bidi controls", "zero-width characters". */
    static List<String> kindsIn(String text) {
        boolean tags = false;
        boolean bidi = false;
        boolean zeroWidth = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            tags |= isTag(c);
            bidi |= isBidi(c);
            zeroWidth |= isZeroWidth(c);
            i += Character.charCount(c);
        }
        List<String> kinds = new ArrayList<>();
        if (tags) {
            kinds.add("tag characters");
        }
        if (bidi) {
            kinds.add("bidi controls");
        }
        if (zeroWidth) {
            kinds.add("zero-width characters");
        }
        return kinds;
    }

    /** {@code text} without its hidden characters. */
    static String removed(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isHidden(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static boolean isHidden(int c) {
        return isTag(c) || isBidi(c) || isZeroWidth(c);
    }

    private static boolean isTag(int c) {
        return c >= 0xE0000 && c <= 0xE007F;
    }

    private static boolean isBidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static boolean isZeroWidth(int c) {
        return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
    }
}
