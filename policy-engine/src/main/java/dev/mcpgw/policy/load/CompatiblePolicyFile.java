package dev.mcpgw.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A policy document in the shape the best-known MCP authorization product uses, accepted
 * unchanged: {@code id}, {@code name}, {@code description}, semantic {@code version},
 * {@code enabled}, {@code priority}, {@code scope}, {@code metadata}, {@code defaultEffect} and
 * {@code rules} with conditions over {@code principal.*} and {@code action.*}, rate limits and
 * approval settings. {@code scope} and {@code metadata} are kept as written, whatever they hold.
 */
record CompatiblePolicyFile(String id, String name, String description, String version, Boolean enabled, Integer priority,
                            JsonNode scope, JsonNode metadata, String defaultEffect, List<RuleFile> rules) {

    record RuleFile(String id, String name, String description, String effect, JsonNode condition,
                    RateLimitFile rateLimit, ApprovalFile approvalConfig) {
    }

    /** {@code scope}: principal, action or global. */
    record RateLimitFile(Integer requests, String window, String scope) {
    }

    record ApprovalFile(List<Approver> approvers, String expiresIn, Integer requiredApprovals) {
    }

    /** {@code type} is user, role or group; a role or group stands for many people, so it may give several approvals. */
    record Approver(String type, String id) {
    }
}
