package dev.mcpgw.policy.model;

import dev.mcpgw.policy.Effect;
import java.util.List;

/**
 * A loaded, validated policy. {@code version} is the content hash of its canonical form (what
 * receipts name); {@code label} is the author's own version string, informational only.
 */
public record Policy(String version, String label, Effect defaultEffect, List<Rule> rules) {
}
