package dev.mcpgw.schemas;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticator of a decide record: HMAC-SHA256, under a key only the decision stream and the
 * edges hold, over every field the edge acts on. Anyone who can write gateway.decide but lacks the
 * key cannot make the edge forward a call, and a genuine decision moved onto another intent id,
 * edge or effect no longer verifies. A MAC rather than a signature: it costs microseconds on the
 * per-call path, and only the gateway's own processes need to check it (receipts carry the
 * signatures auditors verify).
 */
public final class DecisionAuthenticator {
    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "mcpgw-decide-v1";

    private final SecretKeySpec key;

    public DecisionAuthenticator(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** {@code decision} with its authenticator set. */
    public Decision seal(Decision decision) {
        return Decision.newBuilder(decision).setAuthenticator(Base64.getEncoder().encodeToString(mac(decision))).build();
    }

    /** True when {@code decision}'s authenticator is the one this key makes for exactly its fields. */
    public boolean verify(Decision decision) {
        byte[] found;
        try {
            found = Base64.getDecoder().decode(decision.getAuthenticator());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(decision), found);
    }

    private byte[] mac(Decision decision) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(signedText(decision).getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every JDK", e);
        }
    }

    /** Each field length-prefixed, so no two different decisions can produce the same text. */
    private static String signedText(Decision decision) {
        StringBuilder text = new StringBuilder(CONTEXT);
        field(text, decision.getIntentId());
        field(text, decision.getEffect().name());
        field(text, String.valueOf(decision.getMatchedRules().size()));
        decision.getMatchedRules().forEach(rule -> field(text, rule));
        field(text, String.valueOf(decision.getReasons().size()));
        decision.getReasons().forEach(reason -> field(text, reason));
        field(text, decision.getPolicyVersion());
        field(text, decision.getReceipt().getChain());
        field(text, String.valueOf(decision.getReceipt().getSequence()));
        field(text, decision.getReceipt().getHash());
        field(text, decision.getReplyTo().getEdgeInstance());
        field(text, String.valueOf(decision.getReplyTo().getPartition()));
        // Added later: only a decision that has one covers it, so decisions without it are sealed as before.
        if (decision.getReviewDeadline() != null) {
            field(text, String.valueOf(decision.getReviewDeadline()));
        }
        if (decision.getAskCallingUser() != null) {
            field(text, "askCallingUser=" + decision.getAskCallingUser());
        }
        return text.toString();
    }

    private static void field(StringBuilder text, String value) {
        text.append('\n').append(value.length()).append(':').append(value);
    }
}
