package dev.mcpgw.schemas;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticator of a review verdict: HMAC-SHA256, under a key only the review service (which
 * authenticates approvers) and the decision stream hold, over every other field of the verdict.
 * Whoever can write gateway.review-verdict but lacks the key (an agent, a compromised client of
 * the broker) cannot approve a call, nor move a genuine verdict onto another intent or approver.
 */
public final class VerdictAuthenticator {
    /** The key's file in a process's state directory; every review service and decision stream of a gateway shares it. */
    public static final String KEY_FILE = "review-verdict.key";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "mcpgw-review-verdict-v1";

    private final SecretKeySpec key;

    public VerdictAuthenticator(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    public static Path keyFile(Path stateDir) {
        return stateDir.resolve(KEY_FILE);
    }

    /** {@code verdict} with its authenticator set. */
    public ReviewVerdict seal(ReviewVerdict verdict) {
        return ReviewVerdict.newBuilder(verdict).setAuthenticator(Base64.getEncoder().encodeToString(mac(verdict))).build();
    }

    /** True when {@code verdict}'s authenticator is the one this key makes for exactly its fields. */
    public boolean verify(ReviewVerdict verdict) {
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
            mac.update(signedText(verdict).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    /** Each field length-prefixed (a missing comment apart from an empty one), so no two verdicts give the same text. */
    private static String signedText(ReviewVerdict verdict) {
        StringBuilder text = new StringBuilder(CONTEXT);
        field(text, verdict.getVerdictId());
        field(text, verdict.getIntentId());
        field(text, String.valueOf(verdict.getApproved()));
        field(text, verdict.getApprover());
        field(text, String.valueOf(verdict.getApproverGroups().size()));
        verdict.getApproverGroups().forEach(group -> field(text, group));
        field(text, verdict.getComment() == null ? "absent" : "present");
        field(text, verdict.getComment() == null ? "" : verdict.getComment());
        field(text, verdict.getChannel());
        field(text, String.valueOf(verdict.getTime()));
        return text.toString();
    }

    private static void field(StringBuilder text, String value) {
        text.append('\n').append(value.length()).append(':').append(value);
    }
}
