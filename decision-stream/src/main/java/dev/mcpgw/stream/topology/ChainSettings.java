package dev.mcpgw.stream.topology;

import dev.mcpgw.chain.SigningKey;
import java.time.Duration;

/**
 * How receipts are sealed: the key that signs them, and how often a signed checkpoint of each
 * chain's head is emitted (every {@code checkpointEvery} receipts, and every
 * {@code checkpointInterval} of wall-clock time when the chain has grown since the last one).
 */
public record ChainSettings(SigningKey signingKey, long checkpointEvery, Duration checkpointInterval) {

    public static ChainSettings defaults(SigningKey signingKey) {
        return new ChainSettings(signingKey, 1000, Duration.ofSeconds(10));
    }
}
