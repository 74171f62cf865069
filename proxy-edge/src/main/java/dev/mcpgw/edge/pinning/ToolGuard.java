package dev.mcpgw.edge.pinning;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.downstream.ItemGuard;
import dev.mcpgw.edge.downstream.ServerHalf;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clients see of each tool a server lists: a tool whose definition is not its pinned one is
 * hidden, or listed as pinned with its calls refused (the server's {@link ToolTrust#onChange()});
 * what is shown is scanned for text aimed at the model, and a flagged tool is withheld, sanitised
 * or let through (its {@link ToolTrust#flaggedTools()}). A definition that cannot be pinned (too
 * deep, too large) is withheld whatever the config says.
 */
public final class ToolGuard implements ItemGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ToolGuard.class);

    private final PinCheck pins;
    private final BiConsumer<String, String> flaggedCounted;

    /** {@code flaggedCounted} is told the server and what was done ("withheld", "sanitised", "allowed") of each flagged tool. */
    public ToolGuard(PinCheck pins, BiConsumer<String, String> flaggedCounted) {
        this.pins = pins;
        this.flaggedCounted = flaggedCounted;
    }

    @Override
    public Future<Guarded> guard(ServerHalf half, JsonObject item) {
        DownstreamSpec spec = half.spec();
        String tool = item.getString("name");
        ToolDefinition seen;
        try {
            seen = ToolDefinition.of(item);
        } catch (ToolDefinition.Unpinnable e) {
            return Future.succeededFuture(flagged(spec.name(), tool, List.of(e.getMessage()), ToolTrust.FlaggedTools.WITHHOLD, item));
        }
        return pins.check(half.pinSubject(), spec.trust(), tool, seen).map(verdict -> {
            if (verdict.current()) {
                return scanned(spec, tool, item);
            }
            JsonObject pinned = spec.trust().onChange() == ToolTrust.OnChange.REFUSE ? parsed(verdict.pinnedDefinition()) : null;
            return new Guarded(pinned == null ? null : scanned(spec, tool, pinned).shown(), verdict.heldBack());
        });
    }

    private Guarded scanned(DownstreamSpec spec, String tool, JsonObject definition) {
        List<String> findings = ToolTextScanner.findingsIn(definition);
        return findings.isEmpty() ? new Guarded(definition, null) : flagged(spec.name(), tool, findings, spec.trust().flaggedTools(), definition);
    }

    private Guarded flagged(String server, String tool, List<String> findings, ToolTrust.FlaggedTools action, JsonObject definition) {
        String done = switch (action) {
            case WITHHOLD -> "withheld";
            case SANITISE -> "sanitised";
            case ALLOW -> "allowed";
        };
        LOG.warn("tool flagged: server={} tool={} action={} findings={}", server, tool, done, findings);
        flaggedCounted.accept(server, done);
        return switch (action) {
            case WITHHOLD -> new Guarded(null, "Tool " + tool + " of " + server + " is withheld by the gateway: " + String.join("; ", findings));
            case SANITISE -> new Guarded(ToolTextScanner.sanitised(definition), null);
            case ALLOW -> new Guarded(definition, null);
        };
    }

    /** The pinned definition as recorded; null when there is none, or the record holds no JSON object (then nothing is shown). */
    private static JsonObject parsed(String pinnedDefinition) {
        if (pinnedDefinition == null) {
            return null;
        }
        try {
            return new JsonObject(pinnedDefinition);
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
