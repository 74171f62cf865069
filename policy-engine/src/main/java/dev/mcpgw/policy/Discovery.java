package dev.mcpgw.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Whether an agent could ever be allowed (or sent to review) a request for a target under a
 * policy, whatever the arguments, time and request context: what per-agent discovery lists. Built
 * from the rule matching {@link PolicyEngine#decide} uses, and leaning to "could": a target is
 * ruled out only when every call of it is certainly denied, because a deny rule applies to every
 * such call, or because no allow or review rule is about it and the policy's default denies.
 */
public final class Discovery {

    private Discovery() {
    }

    public static boolean couldAllow(Policy policy, String agentId, Set<String> agentGroups, String server, RequestKind request,
                                     String target) {
        // Only who, where, which kind and which target: the parts of an intent Rule.isAbout reads for these kinds.
        ToolIntent any = new ToolIntent(agentId, agentGroups, Map.of(), server, target, JsonNodeFactory.instance.objectNode(),
                Instant.EPOCH, Map.of(), request);
        boolean someRuleMayLetItThrough = policy.defaultEffect() != Effect.DENY;
        for (Rule rule : policy.rules()) {
            if (!rule.isAbout(any)) {
                continue;
            }
            if (rule.effect() == Effect.DENY && rule.appliesToEveryCall()) {
                return false;
            }
            someRuleMayLetItThrough |= rule.effect() != Effect.DENY;
        }
        return someRuleMayLetItThrough;
    }
}
