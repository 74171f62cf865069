package dev.mcpgw.edge.discovery;

import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.policy.Discovery;
import dev.mcpgw.policy.RequestKind;
import dev.mcpgw.policy.model.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which items of a catalog an agent is shown: those the policy could let it use (see
 * {@link Discovery}), judged by the request the item is used with, as the decision judges it.
 * Without a policy, nothing: what the gateway would deny anyway is not revealed.
 */
public final class AgentView {
    /** Resource templates are not judged by name: rules match resource URIs, which a template only stands for. */
    private static final Map<Catalog.Kind, RequestKind> USED_WITH = Map.of(
            Catalog.TOOLS, RequestKind.TOOLS_CALL,
            Catalog.PROMPTS, RequestKind.PROMPTS_GET,
            Catalog.RESOURCES, RequestKind.RESOURCES_READ);

    private AgentView() {
    }

    public static boolean shows(Optional<Policy> policy, Agent agent, Catalog.Kind kind, Catalog.Entry entry) {
        if (policy.isEmpty()) {
            return false;
        }
        RequestKind request = USED_WITH.get(kind);
        return request == null || Discovery.couldAllow(policy.get(), agent.id(), Set.copyOf(agent.groups()), entry.server(), request,
                entry.name());
    }

    /** The entries of {@code catalog} the agent is shown as a client of {@code era}, in catalog order. */
    public static List<Catalog.Entry> of(Optional<Policy> policy, Agent agent, Catalog catalog, Era era) {
        return catalog.entries(era).stream().filter(entry -> shows(policy, agent, catalog.kind(), entry)).toList();
    }
}
