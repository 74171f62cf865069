package dev.mcpgw.edge.sep;

import dev.mcpgw.edge.decision.DenialEnvelope;
import dev.mcpgw.edge.decision.Refusals;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.SepRules;

/**
 * The draft's error codes for what the gateway refuses around an authorization: a call whose
 * authorization was already used is a claim conflict (-32104), one past its expiry expired
 * (-32102); an unknown or another agent's authorization, a call that is not the authorized
 * intent, and a propose claiming another principal are denied (-32101). The data holds the
 * decision and the receipt that records the refusal, the authorization id, and SEP-2643's denial
 * envelope (see {@link DenialEnvelope}).
 */
public final class SepErrors {
    private SepErrors() {
    }

    public static RpcException refused(Decision decision, String authorizationId) {
        String rule = decision.getMatchedRules().isEmpty() ? "" : decision.getMatchedRules().get(0);
        int code = switch (rule) {
            case SepRules.USED -> ErrorCodes.SEP_CLAIM_CONFLICT;
            case SepRules.EXPIRED -> ErrorCodes.SEP_AUTHORIZATION_EXPIRED;
            default -> ErrorCodes.SEP_AUTHORIZATION_DENIED;
        };
        String message = switch (rule) {
            case SepRules.USED -> "Authorization already used: ";
            case SepRules.EXPIRED -> "Authorization expired: ";
            case SepRules.PRINCIPAL_MISMATCH -> "Proposal refused: ";
            default -> "Authorization denied: ";
        };
        // Used or expired, the call may still be authorized by a fresh proposal; otherwise it is not the authorized call.
        String remediation = SepRules.USED.equals(rule) || SepRules.EXPIRED.equals(rule) ? DenialEnvelope.UNDISCLOSED : DenialEnvelope.UNAVAILABLE;
        return new RpcException(code, message + String.join("; ", decision.getReasons()),
                Refusals.describe(decision).put("authorizationId", authorizationId).put("outcome", SepAnswers.outcome(decision))
                        .put(DenialEnvelope.META, DenialEnvelope.of(decision.getIntentId(), remediation)));
    }
}
