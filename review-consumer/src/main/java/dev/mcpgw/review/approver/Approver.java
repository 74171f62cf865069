package dev.mcpgw.review.approver;

import java.util.ArrayList;
import java.util.List;

/** A signed-in approver: the id the config gives, with its groups and roles. */
public record Approver(String id, List<String> groups, List<String> roles) {

    public Approver {
        groups = groups == null ? List.of() : List.copyOf(groups);
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** Groups and roles as a rule names them ("group:NAME", "role:NAME"): what a verdict carries as approverGroups. */
    public List<String> memberships() {
        List<String> memberships = new ArrayList<>();
        groups.forEach(group -> memberships.add("group:" + group));
        roles.forEach(role -> memberships.add("role:" + role));
        return List.copyOf(memberships);
    }

    /** Whether a rule asking for {@code approvers} (ids, "group:X", "role:X"; empty = anyone) accepts this approver. */
    public boolean mayApproveFor(List<String> approvers) {
        if (approvers.isEmpty()) {
            return true;
        }
        List<String> memberships = memberships();
        return approvers.stream().anyMatch(wanted -> wanted.equals(id) || memberships.contains(wanted));
    }
}
