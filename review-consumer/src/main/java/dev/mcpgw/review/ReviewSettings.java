package dev.mcpgw.review;

import dev.mcpgw.review.approver.ApproverDirectory;
import dev.mcpgw.schemas.VerdictAuthenticator;

/**
 * What the review service needs: where to listen, Kafka, the approvers, the key verdicts are
 * sealed with (stateDir/review-verdict.key, shared with the decision stream), and whether cookies
 * are marked Secure (set when approvers reach the page over HTTPS, through a TLS proxy).
 */
public record ReviewSettings(String host, int port, String bootstrapServers, ApproverDirectory approvers, byte[] verdictKey,
                             boolean secureCookies) {
    public static final String VERDICT_KEY_FILE = VerdictAuthenticator.KEY_FILE;
}
