package dev.mcpgw.edge.identity;

import java.util.List;
import java.util.Map;

/**
 * One agent of the identity config: the id an API key maps to, the agent's groups and its
 * attributes, and optionally the label receipts name the key by (else a keyed HMAC of it).
 */
public record AgentCredential(String id, String apiKey, List<String> groups, Map<String, String> attributes, String keyLabel) {

    public AgentCredential {
        if (keyLabel != null && !keyLabel.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("agent " + id + ": keyLabel must be 1 to 64 letters, digits or . _ -");
        }
    }

    public AgentCredential(String id, String apiKey, List<String> groups, Map<String, String> attributes) {
        this(id, apiKey, groups, attributes, null);
    }

    public AgentCredential(String id, String apiKey, List<String> groups) {
        this(id, apiKey, groups, Map.of());
    }
}
