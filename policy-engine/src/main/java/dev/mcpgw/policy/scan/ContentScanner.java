package dev.mcpgw.policy.scan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Runs detectors over every string value in a call's arguments, however deeply nested. */
public final class ContentScanner {
    private ContentScanner() {
    }

    public static List<Finding> scan(JsonNode arguments, List<Detector> detectors) {
        List<Finding> findings = new ArrayList<>();
        walk(arguments, "", detectors, findings);
        return findings;
    }

    private static void walk(JsonNode node, String path, List<Detector> detectors, List<Finding> findings) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            for (Detector detector : detectors) {
                detector.kindsIn(node.textValue()).forEach(kind -> findings.add(new Finding(detector.wireName(), kind, path)));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), detectors, findings);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, detectors, findings);
            }
        }
    }
}
