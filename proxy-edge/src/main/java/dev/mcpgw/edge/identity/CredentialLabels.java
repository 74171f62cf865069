package dev.mcpgw.edge.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The non-secret label of an agent's API key that intents and receipts carry: the label the
 * identity config gives the key ({@code keyLabel}), else a keyed HMAC of the key. Whoever reads
 * receipts without the gateway's secret learns nothing from the label that could confirm a guessed
 * key, which an unsalted hash of the key would.
 */
public final class CredentialLabels {
    private static final String ALGORITHM = "HmacSHA256";
    /** Keeps this use of the secret apart from any other use of it. */
    private static final String CONTEXT = "mcpgw-credential-label-v1\n";
    /** 64 bits tell an agent's keys apart; whoever holds the secret can recompute the rest. */
    private static final int HEX_DIGITS = 16;

    private final SecretKeySpec secret;

    /** {@code secret}: at least 32 bytes, the same for every edge instance of one gateway. */
    public CredentialLabels(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the credential label key needs at least 32 bytes");
        }
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    public String labelOf(AgentCredential credential) {
        if (credential.keyLabel() != null) {
            return "api-key:" + credential.keyLabel();
        }
        return "api-key:hmac:" + hmac(credential.apiKey()).substring(0, HEX_DIGITS);
    }

    private String hmac(String apiKey) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal((CONTEXT + apiKey).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
