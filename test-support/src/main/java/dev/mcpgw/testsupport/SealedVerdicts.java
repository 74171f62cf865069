package dev.mcpgw.testsupport;

import dev.mcpgw.schemas.ReviewVerdict;
import dev.mcpgw.schemas.VerdictAuthenticator;
import java.util.List;
import java.util.UUID;

/** Review verdicts for tests, sealed the way the review service seals them. */
public final class SealedVerdicts {
    private final VerdictAuthenticator authenticator;

    public SealedVerdicts(VerdictAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** A fresh verdict of {@code approver} (no groups) on {@code intentId}, given on the web, sealed. */
    public ReviewVerdict approve(String intentId, String approver) {
        return authenticator.seal(unsealed(intentId, approver, true).build());
    }

    public ReviewVerdict deny(String intentId, String approver) {
        return authenticator.seal(unsealed(intentId, approver, false).build());
    }

    /** A verdict with a fresh id, to adjust and {@link #seal}. */
    public static ReviewVerdict.Builder unsealed(String intentId, String approver, boolean approved) {
        return ReviewVerdict.newBuilder()
                .setVerdictId(UUID.randomUUID().toString())
                .setIntentId(intentId)
                .setApproved(approved)
                .setApprover(approver)
                .setApproverGroups(List.of())
                .setChannel("web")
                .setTime(0);
    }

    public ReviewVerdict seal(ReviewVerdict verdict) {
        return authenticator.seal(verdict);
    }
}
