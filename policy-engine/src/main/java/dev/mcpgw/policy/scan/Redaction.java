package dev.mcpgw.policy.scan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what a detector flagged from a call's arguments, so that a receipt can record the call
 * without the secret: a flagged value becomes {@link #MARK}; a flagged key becomes
 * {@code [redacted key N]}, unique in its object, and keeps its value (redacted on its own if
 * flagged too). A place that cannot be found redacts the whole arguments: the secret may be there.
 */
public final class Redaction {
    public static final String MARK = "[redacted by the gateway]";

    private Redaction() {
    }

    /**
     * A copy of {@code arguments} with every place redacted; the original is left alone. Never
     * throws. {@code arguments} may be null (they could not be read): only the mark can stand for them then.
     */
    public static JsonNode apply(JsonNode arguments, Collection<ArgumentPlace> places) {
        JsonNode copy = arguments == null ? MissingNode.getInstance() : arguments.deepCopy();
        // Keys by the object that holds them; values are replaced first, while every key still has its old name.
        Map<JsonPointer, Set<String>> keysByObject = new HashMap<>();
        for (ArgumentPlace place : places) {
            if (!redact(copy, place, keysByObject)) {
                return TextNode.valueOf(MARK);
            }
        }
        // Deepest objects first: renaming a key changes every pointer that passes through it.
        List<JsonPointer> objects = new ArrayList<>(keysByObject.keySet());
        objects.sort(Comparator.comparingInt(Redaction::depth).reversed());
        for (JsonPointer object : objects) {
            rename((ObjectNode) copy.at(object), keysByObject.get(object));
        }
        return copy;
    }

    /**
     * {@code text} with each credential the secrets detector finds replaced by {@link #MARK} where
     * it stands (free text has no structure to redact a part of); the very same string when there is
     * none. Should a credential still be found in what is left, only the mark is returned.
     */
    public static String credentialsIn(String text) {
        if (Detector.SECRETS.kindsIn(text).isEmpty()) {
            return text;
        }
        String replaced = Detector.SECRETS.replacedIn(text, MARK);
        return Detector.SECRETS.kindsIn(replaced).isEmpty() ? replaced : MARK;
    }

    /** False when the place is the whole arguments, or is not in them. */
    private static boolean redact(JsonNode root, ArgumentPlace place, Map<JsonPointer, Set<String>> keysByObject) {
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(place.pointer());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (pointer.matches()) {
            return false;
        }
        JsonPointer parentAt = pointer.head();
        JsonNode parent = root.at(parentAt);
        String name = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode object && object.has(name)) {
            if (place.part() == ArgumentPlace.Part.KEY) {
                keysByObject.computeIfAbsent(parentAt, p -> new HashSet<>()).add(name);
            } else {
                object.set(name, TextNode.valueOf(MARK));
            }
            return true;
        }
        int index = pointer.last().getMatchingIndex();
        if (parent instanceof ArrayNode array && place.part() == ArgumentPlace.Part.VALUE && index >= 0 && index < array.size()) {
            array.set(index, TextNode.valueOf(MARK));
            return true;
        }
        return false;
    }

    /** Renames the flagged keys in place, keeping member order; Jackson has no rename, so the members are set anew. */
    private static void rename(ObjectNode object, Set<String> flagged) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        object.properties().forEach(m -> members.put(m.getKey(), m.getValue()));
        Set<String> taken = new HashSet<>(members.keySet());
        taken.removeAll(flagged);
        object.removeAll();
        int n = 0;
        for (Map.Entry<String, JsonNode> member : members.entrySet()) {
            String name = member.getKey();
            if (flagged.contains(name)) {
                do {
                    name = "[redacted key " + ++n + "]";
                } while (taken.contains(name));
            }
            taken.add(name);
            object.set(name, member.getValue());
        }
    }

    private static int depth(JsonPointer pointer) {
        int depth = 0;
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            depth++;
        }
        return depth;
    }
}
