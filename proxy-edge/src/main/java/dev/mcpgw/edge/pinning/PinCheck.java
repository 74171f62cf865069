package dev.mcpgw.edge.pinning;

import dev.mcpgw.schemas.PinSource;
import dev.mcpgw.schemas.ToolPin;
import dev.mcpgw.schemas.ToolPinEvent;
import dev.mcpgw.schemas.ToolPinEventKind;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a tool's definition against its pin: the config's pins when the server has them, else
 * the one recorded the first time the gateway saw the tool (trust on first use). A definition
 * that is not the pinned one is held back, and recorded once as a change awaiting acceptance. A
 * server that lists the pinned definition again is let through, and the change it showed stays
 * recorded until accepted: instances whose servers disagree must not undo each other's records.
 */
public final class PinCheck {
    private static final Logger LOG = LoggerFactory.getLogger(PinCheck.class);

    /** Whether the tool is the pinned one; if not, why it is held back and what was pinned (null when the gateway never saw it). */
    public record Verdict(boolean current, String heldBack, String pinnedDefinition) {
        static final Verdict CURRENT = new Verdict(true, null, null);
    }

    private final ToolPins pins;
    private final String writer;
    private final Clock clock;
    private final Consumer<String> changeCounted;

    /** {@code changeCounted} is told the server of each change detected. */
    public PinCheck(ToolPins pins, String writer, Clock clock, Consumer<String> changeCounted) {
        this.pins = pins;
        this.writer = writer;
        this.clock = clock;
        this.changeCounted = changeCounted;
    }

    public Future<Verdict> check(String server, ToolTrust trust, String tool, ToolDefinition seen) {
        Optional<ToolPin> state = pins.get(server, tool);
        if (trust.pins() != null) {
            return againstConfig(server, trust.pins().get(tool), tool, seen, state);
        }
        if (state.isEmpty() || state.get().getPinnedHash() == null) {
            return pin(state, server, tool, seen, PinSource.FIRST_USE);
        }
        if (seen.hash().equals(state.get().getPinnedHash())) {
            return Future.succeededFuture(Verdict.CURRENT);
        }
        return held(state.get(), seen, "its definition changed; it is held back until an operator accepts it: gateway tools accept " + server + " " + tool);
    }

    private Future<Verdict> againstConfig(String server, String expected, String tool, ToolDefinition seen, Optional<ToolPin> state) {
        boolean recorded = state.isPresent() && state.get().getSource() == PinSource.CONFIG && Objects.equals(state.get().getPinnedHash(), expected);
        if (seen.hash().equals(expected)) {
            return recorded && state.get().getPinnedDefinition() != null
                    ? Future.succeededFuture(Verdict.CURRENT) : pin(state, server, tool, seen, PinSource.CONFIG);
        }
        ToolPin base = recorded ? state.get() : ToolPin.newBuilder().setServer(server).setTool(tool).setPinnedHash(expected)
                .setSource(PinSource.CONFIG).setUpdatedBy(writer).setUpdatedAt(clock.millis()).build();
        return held(base, seen, expected == null
                ? "the gateway config pins tools of " + server + " but not this one: add it to mcpServers." + server + ".pins to let it through"
                : "its definition does not match its pin in the gateway config: change mcpServers." + server + ".pins." + tool + " to accept it");
    }

    private Future<Verdict> pin(Optional<ToolPin> state, String server, String tool, ToolDefinition seen, PinSource source) {
        String old = state.map(ToolPin::getPinnedHash).orElse(null);
        ToolPin pin = ToolPin.newBuilder().setServer(server).setTool(tool).setPinnedHash(seen.hash()).setPinnedDefinition(seen.canonicalJson())
                .setSource(source).setUpdatedBy(writer).setUpdatedAt(clock.millis()).build();
        LOG.info("tool pinned: server={} tool={} oldHash={} newHash={} source={}", server, tool, old, seen.hash(), source);
        return pins.record(pin, event(ToolPinEventKind.PINNED, pin, old, seen.hash())).map(Verdict.CURRENT);
    }

    private Future<Verdict> held(ToolPin base, ToolDefinition seen, String what) {
        String reason = "Tool " + base.getTool() + " of " + base.getServer() + " is held back: " + what + " (pinned sha256 "
                + base.getPinnedHash() + ", now " + seen.hash() + ")";
        Verdict verdict = new Verdict(false, reason, base.getPinnedDefinition());
        if (seen.hash().equals(base.getChangedHash())) {
            return Future.succeededFuture(verdict);
        }
        ToolPin changed = ToolPin.newBuilder(base).setChangedHash(seen.hash()).setChangedDefinition(seen.canonicalJson())
                .setUpdatedBy(writer).setUpdatedAt(clock.millis()).build();
        changeCounted.accept(base.getServer());
        LOG.warn("tool definition changed: server={} tool={} oldHash={} newHash={} source={}; held back until accepted",
                base.getServer(), base.getTool(), base.getPinnedHash(), seen.hash(), base.getSource());
        return pins.record(changed, event(ToolPinEventKind.CHANGED, changed, base.getPinnedHash(), seen.hash())).map(verdict);
    }

    private ToolPinEvent event(ToolPinEventKind kind, ToolPin pin, String oldHash, String newHash) {
        return ToolPinEvent.newBuilder().setKind(kind).setServer(pin.getServer()).setTool(pin.getTool()).setOldHash(oldHash).setNewHash(newHash)
                .setSource(pin.getSource()).setBy(writer).setAt(pin.getUpdatedAt()).build();
    }
}
