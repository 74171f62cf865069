package dev.mcpgw.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A policy document in the shape the best-known MCP authorization product uses, accepted
 * unchanged: {@code id}, {@code name}, semantic {@code version}, {@code priority},
 * {@code scope}, {@code defaultEffect} and {@code rules} with conditions over
 * {@code principal.*} and {@code action.*}, rate limits and approval settings.
 */
record CompatiblePolicyFile(String id, String name, String version, Integer priority, JsonNode scope, String defaultEffect,
                            List<RuleFile> rules) {

    record RuleFile(String id, String name, String description, String effect, JsonNode condition,
                    RateLimitFile rateLimit, ApprovalFile approvalConfig) {
    }

    /** {@code scope}: principal, action or global. */
    record RateLimitFile(Integer requests, String window, String scope) {
    }

    record ApprovalFile(List<Approver> approvers, String expiresIn, Integer requiredApprovals) {
    }

    record Approver(String type, String id) {
    }
}
