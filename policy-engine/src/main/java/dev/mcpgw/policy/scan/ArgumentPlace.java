package dev.mcpgw.policy.scan;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A place in a call's arguments: the value at an RFC 6901 JSON Pointer ({@code ""} is the whole
 * arguments), or the key of the object member the pointer names. Pointers, not dot paths, because
 * keys may hold dots, slashes, digits or nothing at all.
 */
public record ArgumentPlace(String pointer, Part part) implements Comparable<ArgumentPlace> {
    /** The whole arguments: what is redacted when nothing is known about where a secret is. */
    public static final ArgumentPlace WHOLE = new ArgumentPlace("", Part.VALUE);
    /** How a key that a detector flags is shown in a reason, so that the reason never repeats it. */
    static final String SHOWN_KEY = "[redacted key]";

    private static final Comparator<ArgumentPlace> ORDER =
            Comparator.comparing(ArgumentPlace::pointer).thenComparing(ArgumentPlace::part);

    public enum Part { VALUE, KEY }

    public static ArgumentPlace value(JsonPointer pointer) {
        return new ArgumentPlace(pointer.toString(), Part.VALUE);
    }

    public static ArgumentPlace key(JsonPointer pointer) {
        return new ArgumentPlace(pointer.toString(), Part.KEY);
    }

    /**
     * The pointer as a reason shows it: every key along it that any detector flags becomes
     * {@value #SHOWN_KEY}. Any detector, not only the rule's own: a key another rule flagged is
     * redacted from the receipt too, and the reasons go into the same receipt.
     */
    String shown() {
        JsonPointer shown = JsonPointer.empty();
        for (JsonPointer rest = JsonPointer.compile(pointer); !rest.matches(); rest = rest.tail()) {
            String segment = rest.getMatchingProperty();
            shown = shown.appendProperty(flagged(segment) ? SHOWN_KEY : segment);
        }
        return shown.toString();
    }

    private static boolean flagged(String text) {
        return Arrays.stream(Detector.values()).anyMatch(d -> !d.kindsIn(text).isEmpty());
    }

    @Override
    public int compareTo(ArgumentPlace other) {
        return ORDER.compare(this, other);
    }
}
