package dev.mcpgw.stream.topology;

import dev.mcpgw.chain.LocalSeals;
import dev.mcpgw.chain.SigningKey;
import java.time.Duration;

/**
 * How receipts are sealed: the key that signs them, how often a signed checkpoint of each chain's
 * head is emitted (every {@code checkpointEvery} receipts, and within {@code checkpointInterval} of
 * wall-clock time of the chain growing past the last one), and for how long (in event time)
 * after a decision the outcome of its call is still taken (and a finished review kept, to recognise
 * late verdicts); how often, by the wall clock, a task with a review due asks for a tick of the
 * review clock (only while a review is open); whom to tell of each seal ({@link LocalSeals}, none by default).
 */
public record ChainSettings(SigningKey signingKey, long checkpointEvery, Duration checkpointInterval, Duration outcomeWindow,
                            Duration reviewClockInterval, LocalSeals localSeals) {
    /** Longer than any call may run (held calls wait 2 minutes), short enough to keep the store small. */
    public static final Duration OUTCOME_WINDOW = Duration.ofMinutes(15);

    public ChainSettings(SigningKey signingKey, long checkpointEvery, Duration checkpointInterval) {
        this(signingKey, checkpointEvery, checkpointInterval, OUTCOME_WINDOW, Duration.ofSeconds(1), LocalSeals.none());
    }

    /** The same, telling {@code seals} of each receipt sealed, for a receipt sink of this process. */
    public ChainSettings withLocalSeals(LocalSeals seals) {
        return new ChainSettings(signingKey, checkpointEvery, checkpointInterval, outcomeWindow, reviewClockInterval, seals);
    }

    public static ChainSettings defaults(SigningKey signingKey) {
        return new ChainSettings(signingKey, 1000, Duration.ofSeconds(10));
    }
}
