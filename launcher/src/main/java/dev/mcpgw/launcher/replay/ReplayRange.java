package dev.mcpgw.launcher.replay;

import dev.mcpgw.schemas.Intent;
import dev.mcpgw.sink.replay.ReceiptFilter.Bound;
import java.time.Instant;

/**
 * Which recorded intents are reported: from (inclusive) and to (exclusive), each an event time or
 * an offset in each partition of gateway.propose, and one agent; null means open. The rate-limit
 * state is rebuilt from the whole history whatever the range, so a reported decision sees the
 * counts it would have met.
 */
public record ReplayRange(Bound from, Bound to, String agent) {

    boolean includes(long offset, Intent intent) {
        return (from == null || atOrBefore(from, offset, intent))
                && (to == null || !atOrBefore(to, offset, intent))
                && (agent == null || agent.equals(intent.getAgent().getId()));
    }

    private static boolean atOrBefore(Bound bound, long offset, Intent intent) {
        return bound.offset() != null ? bound.offset() <= offset : !bound.time().isAfter(Instant.ofEpochMilli(intent.getEventTime()));
    }
}
