package dev.mcpgw.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.condition.Condition;
import dev.mcpgw.policy.match.AgentMatcher;
import dev.mcpgw.policy.match.NameMatcher;
import dev.mcpgw.policy.match.RequestMatcher;
import dev.mcpgw.policy.model.Approval;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.policy.ratelimit.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a {@link CompatiblePolicyFile} onto our rules. Its rules select calls by condition alone
 * ({@code action.type} is {@code mcp.<tool>}, {@code action.parameters} the arguments,
 * {@code principal.id} the agent: see IntentDocument); {@code require_approval} is our review.
 * One policy is active at a time, so {@code priority} and {@code scope} are kept as written but
 * decide nothing, which a warning says. Nothing is checked more strictly than that format's own
 * schema does; a disabled policy ({@code enabled: false}) is refused, since activating it would
 * enforce what its author switched off.
 */
final class CompatiblePolicyReader {
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");
    private static final Map<String, Effect> EFFECTS = Map.of("allow", Effect.ALLOW, "deny", Effect.DENY, "require_approval", Effect.REVIEW);

    private static final Map<String, RateLimit.Scope> SCOPES = Map.of(
            "principal", RateLimit.Scope.AGENT, "action", RateLimit.Scope.TOOL, "global", RateLimit.Scope.GLOBAL);

    private final Problems problems;
    private final boolean onePartition;

    CompatiblePolicyReader(Problems problems, boolean onePartition) {
        this.problems = problems;
        this.onePartition = onePartition;
    }

    /** Documents of this shape say {@code defaultEffect}, never our {@code default}. */
    static boolean recognizes(JsonNode tree) {
        return tree.has("defaultEffect") || (!tree.has("default") && tree.has("name") && tree.has("id"));
    }

    Policy read(CompatiblePolicyFile file, String contentHash) {
        if (Boolean.FALSE.equals(file.enabled())) {
            problems.add("/enabled", "the policy is disabled (enabled: false); set enabled: true to activate it");
        }
        if (file.priority() != null) {
            problems.warn("/priority", "kept but decides nothing: one policy is active at a time");
        }
        if (file.scope() != null && !file.scope().isEmpty()) {
            problems.warn("/scope", "kept but decides nothing: the active policy decides every request; "
                    + "write what the scope says as conditions on principal.* and action.type in the rules");
        }
        if (file.version() != null && !SEMVER.matcher(file.version()).matches()) {
            problems.add("/version", "version must be a semantic version such as 1.2.0");
        }
        Effect defaultEffect = file.defaultEffect() == null ? Effect.DENY : EFFECTS.get(file.defaultEffect());
        if (defaultEffect == null || defaultEffect == Effect.REVIEW) {
            problems.add("/defaultEffect", "must be allow or deny");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<CompatiblePolicyFile.RuleFile> files = file.rules() == null ? List.of() : file.rules();
        for (int i = 0; i < files.size(); i++) {
            Rule rule = rule(files.get(i), "/rules/" + i, ids);
            if (rule != null) {
                rules.add(rule);
            }
        }
        String label = (file.name() == null ? file.id() : file.name()) + (file.version() == null ? "" : "@" + file.version());
        return new Policy(contentHash, label, defaultEffect == null ? Effect.DENY : defaultEffect, List.copyOf(rules));
    }

    private Rule rule(CompatiblePolicyFile.RuleFile f, String pointer, Set<String> ids) {
        int before = problems.all().size();
        if (f.id() == null || f.id().isBlank()) {
            problems.add(pointer, "id is required");
        } else if (!ids.add(f.id())) {
            problems.add(pointer + "/id", "duplicate rule id " + f.id());
        }
        Effect effect = f.effect() == null ? null : EFFECTS.get(f.effect());
        if (effect == null) {
            problems.add(pointer + "/effect", "effect must be allow, deny or require_approval");
        }
        Condition condition = f.condition() == null ? null : ConditionReader.read(f.condition(), pointer + "/condition", problems);
        RateLimit rateLimit = f.rateLimit() == null ? null : rateLimit(f.rateLimit(), pointer + "/rateLimit");
        Approval approval = f.approvalConfig() == null ? null : approval(f.approvalConfig(), effect, pointer + "/approvalConfig");
        if (problems.all().size() > before) {
            return null;
        }
        String description = f.description() != null ? f.description() : f.name();
        return new Rule(f.id(), description, effect, AgentMatcher.of(null), NameMatcher.of(null),
                RequestMatcher.of(null, null, null, null),
                List.of(), null, condition, List.of(), rateLimit, approval);
    }

    /**
     * {@code principal} counts per agent, {@code action} per tool and {@code global} all calls. The
     * last two count across agents: exact on one decision partition, refused (not approximated) on more.
     */
    private RateLimit rateLimit(CompatiblePolicyFile.RateLimitFile f, String pointer) {
        String name = f.scope() == null ? "principal" : f.scope();
        RateLimit.Scope scope = SCOPES.get(name);
        if (scope == null) {
            problems.add(pointer + "/scope", "scope must be principal, action or global");
            return null;
        }
        if (scope.acrossAgents() && !onePartition) {
            problems.add(pointer + "/scope", "rate limit scope '" + name + "' " + PolicyLoader.CROSS_AGENT_REFUSAL);
            return null;
        }
        if (f.requests() == null) {
            problems.add(pointer, "requests is required");
            return null;
        }
        try {
            return new RateLimit(f.requests(), RateLimit.parseWindow(f.window()), scope);
        } catch (IllegalArgumentException e) {
            problems.add(pointer, e.getMessage());
            return null;
        }
    }

    private Approval approval(CompatiblePolicyFile.ApprovalFile f, Effect effect, String pointer) {
        if (effect != Effect.REVIEW) {
            problems.add(pointer, "approvalConfig belongs on a require_approval rule");
        }
        List<CompatiblePolicyFile.Approver> listed = f.approvers() == null ? List.of() : f.approvers();
        List<String> approvers = listed.stream().map(a -> a.type() == null ? a.id() : a.type() + ":" + a.id()).toList();
        if (approvers.isEmpty()) {
            problems.add(pointer + "/approvers", "name at least one approver");
        }
        int required = f.requiredApprovals() == null ? 1 : f.requiredApprovals();
        if (required < 1) {
            problems.add(pointer + "/requiredApprovals", "must be at least 1");
        } else if (required > approvers.size() && !approvers.isEmpty() && listed.stream().noneMatch(CompatiblePolicyReader::standsForMany)) {
            problems.warn(pointer + "/requiredApprovals", required + " approvals needed from " + approvers.size()
                    + " listed people: no call this rule holds can be approved (name a group or role, or lower requiredApprovals)");
        }
        Duration expiresIn = null;
        if (f.expiresIn() != null) {
            try {
                expiresIn = RateLimit.parseWindow(f.expiresIn());
            } catch (IllegalArgumentException e) {
                problems.add(pointer + "/expiresIn", "expiresIn must look like 30s, 15m, 1h or 7d");
            }
        }
        return new Approval(approvers, expiresIn, required, false);
    }

    /** A group or role may give several approvals; a user (or an entry of no type) gives one. */
    private static boolean standsForMany(CompatiblePolicyFile.Approver approver) {
        return "group".equals(approver.type()) || "role".equals(approver.type());
    }
}
