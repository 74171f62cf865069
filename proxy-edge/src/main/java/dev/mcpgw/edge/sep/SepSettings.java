package dev.mcpgw.edge.sep;

import java.time.Duration;

/**
 * The SEP messages' bounds: how long an ALLOW's authorization lives unless the propose asks for
 * less ({@code defaultTtl}), the longest it may ask for ({@code maxTtl}), the longest a propose or
 * decide waits for a decision before answering ({@code maxWait}), and how long this edge keeps a
 * proposed intent to answer decide and receipt for it ({@code keep}, at most {@code capacity} intents).
 */
public record SepSettings(Duration defaultTtl, Duration maxTtl, Duration maxWait, Duration keep, int capacity) {
    /** Five minutes to use an authorization, an hour at most; a minute's wait at most; intents kept 80 minutes, 100,000 at most. */
    public static final SepSettings DEFAULTS = new SepSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1),
            Duration.ofMinutes(80), 100_000);
}
