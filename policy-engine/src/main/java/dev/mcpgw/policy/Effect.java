package dev.mcpgw.policy;

/** What a rule, or the policy as a whole, says about an intent. */
public enum Effect {
    ALLOW, DENY, REVIEW
}
