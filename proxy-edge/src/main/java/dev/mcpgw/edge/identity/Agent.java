package dev.mcpgw.edge.identity;

import java.util.List;
import java.util.Map;

/** An authenticated caller: its id, its groups and attributes, and a non-secret label of the credential it used. */
public record Agent(String id, List<String> groups, Map<String, String> attributes, String credential) {
}
