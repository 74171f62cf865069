package dev.mcpgw.policy;

import java.util.List;

/**
 * The engine's answer: the effect, every rule that matched (in policy order), one human-readable
 * reason per matched rule (or for the default, with why the allow rules about the call missed),
 * any evaluation errors, the arguments (dot paths) in which a detector found something, which a
 * receipt must not repeat, and the rate limit counters this call counts against (none when it is
 * denied). A non-empty error list always comes with {@link Effect#DENY}: the engine fails closed.
 */
public record Decision(Effect effect, List<String> matchedRules, List<String> reasons, List<String> errors,
                       List<String> redactedArguments, List<String> countedAgainst) {

    public static Decision failedClosed(String error) {
        return new Decision(Effect.DENY, List.of(), List.of("denied: policy could not be evaluated: " + error), List.of(error),
                List.of(), List.of());
    }
}
