package dev.mcpgw.policy.scan;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs detectors over every string value and every object key in a call's arguments, however
 * deeply nested: a key is text the agent chose, and can carry a secret as well as a value can.
 */
public final class ContentScanner {
    private ContentScanner() {
    }

    public static List<Finding> scan(JsonNode arguments, List<Detector> detectors) {
        List<Finding> findings = new ArrayList<>();
        walk(arguments, JsonPointer.empty(), detectors, findings);
        return findings;
    }

    private static void walk(JsonNode node, JsonPointer at, List<Detector> detectors, List<Finding> findings) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            find(node.textValue(), ArgumentPlace.value(at), detectors, findings);
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                JsonPointer memberAt = at.appendProperty(member.getKey());
                find(member.getKey(), ArgumentPlace.key(memberAt), detectors, findings);
                walk(member.getValue(), memberAt, detectors, findings);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at.appendIndex(i), detectors, findings);
            }
        }
    }

    private static void find(String raw, ArgumentPlace place, List<Detector> detectors, List<Finding> findings) {
        ScannedText text = new ScannedText(raw);
        for (Detector detector : detectors) {
            detector.kindsIn(text).forEach(kind -> findings.add(new Finding(detector.wireName(), kind, place)));
        }
    }
}
