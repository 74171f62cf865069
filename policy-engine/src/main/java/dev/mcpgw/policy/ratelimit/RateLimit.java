package dev.mcpgw.policy.ratelimit;

import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.match.WireName;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code requests} calls per {@code window} for each agent (or each agent and tool, agent
 * and server), or across agents (per tool, per server, or all calls). Windows are fixed and
 * aligned to the epoch in event time, so a count and its reset time follow from the intent alone
 * and replay gives the same answers.
 */
public record RateLimit(int requests, Duration window, Scope scope) {
    private static final Pattern WINDOW = Pattern.compile("(\\d+)([smhd])");

    /**
     * What the count is kept for. Intents are partitioned by agent, so the per-agent scopes are exact
     * on any number of partitions; the scopes across agents are exact only when every intent goes
     * through one partition (see PolicyLoader).
     */
    public enum Scope implements WireName {
        AGENT("agent", false), AGENT_TOOL("agent+tool", false), AGENT_SERVER("agent+server", false),
        TOOL("tool", true), SERVER("server", true), GLOBAL("global", true);

        private final String wireName;
        private final boolean acrossAgents;

        Scope(String wireName, boolean acrossAgents) {
            this.wireName = wireName;
            this.acrossAgents = acrossAgents;
        }

        public static Scope of(String name) {
            return WireName.parse(Scope.class, name, "rate limit scope");
        }

        @Override
        public String wireName() {
            return wireName;
        }

        public boolean acrossAgents() {
            return acrossAgents;
        }
    }

    public RateLimit {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1");
        }
    }

    /** "30s", "15m", "1h", "7d". */
    public static Duration parseWindow(String text) {
        Matcher m = WINDOW.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("window must look like 30s, 15m, 1h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        try {
            return window(n, m.group(2));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("window is too long");
        }
    }

    private static Duration window(long n, String unit) {
        Duration window = switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        // Windows are counted in milliseconds: one too long for them throws here.
        window.toMillis();
        return window;
    }

    public Instant windowEnd(Instant eventTime) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(eventTime.toEpochMilli(), size) * size + size);
    }

    /**
     * The counter this call counts against: window end first (zero-padded millis), so expired
     * windows sort first and can be swept by a range delete.
     */
    public String counterKey(String ruleId, ToolIntent intent) {
        String subject = switch (scope) {
            case AGENT -> intent.agentId();
            case AGENT_TOOL -> intent.agentId() + "|" + intent.server() + "/" + intent.tool();
            case AGENT_SERVER -> intent.agentId() + "|" + intent.server();
            case TOOL -> "*|" + intent.server() + "/" + intent.tool();
            case SERVER -> "*|" + intent.server();
            case GLOBAL -> "*";
        };
        return String.format("%019d", windowEnd(intent.eventTime()).toEpochMilli()) + "|" + ruleId + "|" + subject;
    }

    @Override
    public String toString() {
        return requests + " calls per " + window.toString().substring(2).toLowerCase(Locale.ROOT) + " per " + scope.wireName();
    }
}
