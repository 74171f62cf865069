package dev.mcpgw.policy;

import dev.mcpgw.policy.scan.ArgumentPlace;
import java.util.List;

/**
 * The engine's answer: the effect, every rule that matched (in policy order), one human-readable
 * reason per matched rule (or for the default, with why the allow rules about the call missed),
 * any evaluation errors, the places in the arguments (values and keys, by JSON Pointer) in which a
 * detector found something, which a receipt must not repeat, and the rate limit counters this call
 * counts against (none when it is denied). A non-empty error list always comes with
 * {@link Effect#DENY}: the engine fails closed.
 */
public record Decision(Effect effect, List<String> matchedRules, List<String> reasons, List<String> errors,
                       List<ArgumentPlace> redactedArguments, List<String> countedAgainst) {

    /** A decision that could not be made: nothing is known about where a secret is, so all the arguments are redacted. */
    public static Decision failedClosed(String error) {
        return new Decision(Effect.DENY, List.of(), List.of("denied: policy could not be evaluated: " + error), List.of(error),
                List.of(ArgumentPlace.WHOLE), List.of());
    }
}
