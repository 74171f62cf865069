package dev.mcpgw.launcher.replay;

import dev.mcpgw.schemas.Intent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An intent on gateway.propose (partition, offset) to which the candidate policy gives another effect than the record says. */
public record ChangedDecision(int partition, long offset, Intent intent, RecordedDecision recorded, RecordedDecision candidate,
                              List<String> candidateReasons) {

    /**
     * The rules the change is owed to: those that applied on one side only; when the same rules
     * applied on both sides (a rate limit used up sooner or later), those rules; "(default)" when none applied.
     */
    public Set<String> rulesInvolved() {
        Set<String> either = new TreeSet<>(recorded.rules());
        either.addAll(candidate.rules());
        Set<String> both = new TreeSet<>(recorded.rules());
        both.retainAll(candidate.rules());
        if (either.isEmpty()) {
            return Set.of("(default)");
        }
        return both.size() == either.size() ? both : difference(either, both);
    }

    private static Set<String> difference(Set<String> all, Set<String> common) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(common);
        return rest;
    }
}
