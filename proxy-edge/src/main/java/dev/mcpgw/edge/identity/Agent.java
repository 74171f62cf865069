package dev.mcpgw.edge.identity;

import java.util.List;

/** An authenticated caller: its id, its groups, and a non-secret label of the credential it used. */
public record Agent(String id, List<String> groups, String credential) {
}
