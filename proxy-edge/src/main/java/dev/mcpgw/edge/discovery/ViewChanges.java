package dev.mcpgw.edge.discovery;

import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.policy.model.Policy;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The agents whose view of a catalog a policy change changed: only their sessions and listen
 * streams are told the list changed, so the others neither list again for nothing nor learn that
 * someone else's view moved. Computed once per agent id and change. Event loop only.
 */
public final class ViewChanges {
    private ViewChanges() {
    }

    public static Predicate<Agent> of(Catalog catalog, Optional<Policy> before, Policy after) {
        Map<String, Boolean> changedFor = new HashMap<>();
        return agent -> agent != null && changedFor.computeIfAbsent(agent.id(),
                id -> Arrays.stream(Era.values()).anyMatch(era -> changed(catalog, before, after, agent, era)));
    }

    /** Whether the agent's view as a client of {@code era} moved (the two differ for a dual-era server's halves). */
    private static boolean changed(Catalog catalog, Optional<Policy> before, Policy after, Agent agent, Era era) {
        return !names(AgentView.of(before, agent, catalog, era)).equals(names(AgentView.of(Optional.of(after), agent, catalog, era)));
    }

    private static List<String> names(List<Catalog.Entry> entries) {
        return entries.stream().map(Catalog.Entry::exposedName).toList();
    }
}
