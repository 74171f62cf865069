package dev.mcpgw.schemas;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticator of a review verdict: HMAC-SHA256 under a key only the review service and the
 * decision stream hold (stateDir/review-verdict.key), over every field but the authenticator. An
 * agent, or anyone else who can write gateway.review-verdict without the key, cannot approve a
 * call, and a genuine verdict moved onto another intent, approver or answer no longer verifies.
 */
public final class VerdictAuthenticator {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "mcpgw-review-verdict-v1";

    private final SecretKeySpec key;

    public VerdictAuthenticator(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The Base64 authenticator this key makes for {@code verdict}'s fields (its own authenticator ignored). */
    public String seal(ReviewVerdict verdict) {
        return Base64.getEncoder().encodeToString(mac(verdict));
    }

    /** True when {@code verdict}'s authenticator is the one this key makes for exactly its fields. */
    public boolean verifies(ReviewVerdict verdict) {
        byte[] found;
        try {
            found = Base64.getDecoder().decode(verdict.getAuthenticator());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(verdict), found);
    }

    private byte[] mac(ReviewVerdict verdict) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signedText(verdict).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    /** The fields in schema order, each length-prefixed (an absent comment as "-"), so no two verdicts give the same text. */
    static String signedText(ReviewVerdict verdict) {
        StringBuilder text = new StringBuilder(CONTEXT);
        field(text, verdict.getVerdictId());
        field(text, verdict.getIntentId());
        field(text, String.valueOf(verdict.getApproved()));
        field(text, verdict.getApprover());
        field(text, String.valueOf(verdict.getApproverGroups().size()));
        verdict.getApproverGroups().forEach(group -> field(text, group));
        if (verdict.getComment() == null) {
            text.append("\n-");
        } else {
            field(text, verdict.getComment());
        }
        field(text, verdict.getChannel());
        field(text, String.valueOf(verdict.getTime()));
        return text.toString();
    }

    private static void field(StringBuilder text, String value) {
        text.append('\n').append(value.length()).append(':').append(value);
    }
}
