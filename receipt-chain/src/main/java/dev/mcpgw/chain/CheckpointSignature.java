package dev.mcpgw.chain;

import dev.mcpgw.schemas.Checkpoint;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

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
        checkpoint.setSignature(Ed25519.sign(key, message(checkpoint)));
        return checkpoint;
    }

    public static boolean verify(Ed25519PublicKeyParameters key, Checkpoint checkpoint) {
        return Ed25519.verify(key, message(checkpoint), checkpoint.getSignature());
    }

    /** The key a checkpoint is stored under: unique per checkpoint. */
    public static String key(Checkpoint checkpoint) {
        return checkpoint.getChain() + "/" + String.format("%019d", checkpoint.getCount());
    }

    private static byte[] message(Checkpoint c) {
        return (DOMAIN + c.getChain() + "\n" + c.getCount() + "\n" + c.getHeadHash() + "\n" + c.getTime()).getBytes(StandardCharsets.UTF_8);
    }
}
