package dev.mcpgw.stream.processor;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.SepRules;
import java.util.List;
import java.util.Optional;

/**
 * An authorization/propose whose envelope names a principal other than the authenticated agent is
 * denied before the policy sees it: the envelope's principal is the client's claim, never an
 * identity. The edge refuses it too; deciding it here as well puts the refusal on the chain.
 */
final class ClaimedPrincipal {
    private ClaimedPrincipal() {
    }

    static Optional<Evaluation> refusal(Intent intent) {
        String claimed = intent.getContext().get(SepRules.CLAIMED_PRINCIPAL);
        if (claimed == null || claimed.equals(intent.getAgent().getId())) {
            return Optional.empty();
        }
        Intent shown = Intent.newBuilder(intent).setArgumentsJson(EvaluateProcessor.WITHHELD_ARGUMENTS).build();
        return Optional.of(new Evaluation(shown, EvaluateProcessor.NO_POLICY, new Decision(Effect.DENY, List.of(SepRules.PRINCIPAL_MISMATCH),
                List.of("denied: the envelope names principal " + claimed + ", but the caller authenticated as " + intent.getAgent().getId()),
                List.of(), List.of(), List.of())));
    }
}
