package dev.mcpgw.policy.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;

/** The policy document exactly as written in YAML or JSON; validated into a Policy by PolicyLoader. */
record PolicyFile(String version, @JsonProperty("default") String defaultEffect, List<RuleFile> rules) {

    record RuleFile(String id, String description, String effect, List<String> agents, List<String> servers, List<String> tools,
                    List<String> requests, List<String> prompts, List<String> resources,
                    LinkedHashMap<String, ArgumentFile> arguments, WindowFile when, JsonNode condition, List<String> scan,
                    RateLimitFile rateLimit, ApprovalFile approval) {
    }

    /**
     * A review rule's approval: approver ids, {@code group:NAME} or {@code role:NAME} (absent: any
     * approver), how many must approve, how long the review waits, and whether the calling client's
     * own user may approve through MCP elicitation (never instead of named approvers).
     */
    record ApprovalFile(List<String> approvers, Integer requiredApprovals, String expiresIn, Boolean askClientUser) {
    }

    /** {@code requests} per {@code window} ("30s", "15m", "1h", "7d"), counted {@code per} agent (default), agent+tool or agent+server. */
    record RateLimitFile(Integer requests, String window, String per) {
    }

    /** The constraints on one argument. */
    record ArgumentFile(List<String> pathPrefix, List<String> hosts, String regex, @JsonProperty("enum") List<JsonNode> oneOf,
                        Integer maxLength, BigDecimal min, BigDecimal max, Boolean required) {
    }

    /** Days ({@code mon}..{@code sun}), hours ({@code "09:00-17:00"}) and the zone they are in. */
    record WindowFile(String timezone, List<String> days, String hours) {
    }
}
