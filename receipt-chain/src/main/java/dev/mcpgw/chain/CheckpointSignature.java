package dev.mcpgw.chain;

import dev.mcpgw.schemas.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Making and checking checkpoints: Ed25519 over
 * {@code "mcpgw-checkpoint-v1\n" + chain + "\n" + count + "\n" + headHash + "\n" + time}.
 */
public final class CheckpointSignature {
    private static final String DOMAIN = "mcpgw-checkpoint-v1\n";

    private CheckpointSignature() {
    }

    /** A signed checkpoint of {@code head}, whose last receipt has event time {@code time}. */
    public static Checkpoint of(ChainHead head, long time, SigningKey key) {
        Checkpoint checkpoint = new Checkpoint(head.chain(), head.nextSequence(), head.lastHash(), time, key.keyId(), "");
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key.privateKey());
            ed25519.update(message(checkpoint));
            checkpoint.setSignature(Base64.getEncoder().encodeToString(ed25519.sign()));
            return checkpoint;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign checkpoint", e);
        }
    }

    public static boolean verify(PublicKey key, Checkpoint checkpoint) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(message(checkpoint));
            return ed25519.verify(Base64.getDecoder().decode(checkpoint.getSignature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key a checkpoint is stored under: unique per checkpoint. */
    public static String key(Checkpoint checkpoint) {
        return checkpoint.getChain() + "/" + String.format("%019d", checkpoint.getCount());
    }

    private static byte[] message(Checkpoint c) {
        return (DOMAIN + c.getChain() + "\n" + c.getCount() + "\n" + c.getHeadHash() + "\n" + c.getTime()).getBytes(StandardCharsets.UTF_8);
    }
}
