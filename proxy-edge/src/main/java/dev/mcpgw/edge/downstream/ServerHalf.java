package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Era;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One connection the gateway holds with a tool server, and which clients it serves: the only one
 * of a single-era server (or of a stdio server, one process being one session), serving clients of
 * both eras; or one half of a dual-era HTTP server, serving the clients of its own era (see
 * {@link EraProbe}). {@code spec} is the server's config, with the half's revision as its protocol.
 */
public record ServerHalf(DownstreamSpec spec, Optional<Era> only) {
    /** What a half's pins are kept under besides the server's name: a session half's tools may differ from the 2026 half's. */
    static final String SESSION_PIN_SUFFIX = "@session";

    public static ServerHalf whole(DownstreamSpec spec) {
        return new ServerHalf(spec, Optional.empty());
    }

    public static ServerHalf half(DownstreamSpec spec, Era era) {
        return new ServerHalf(spec, Optional.of(era));
    }

    public String server() {
        return spec.name();
    }

    /** The eras of the clients this connection serves. */
    public Set<Era> eras() {
        return only.map(EnumSet::of).orElseGet(() -> EnumSet.allOf(Era.class));
    }

    /**
     * The name its tools are pinned under: the server's, but for the session half of a dual-era
     * server, whose definitions may differ from the 2026 half's without either having changed. The
     * 2026 half keeps the server's name, since it is what the gateway spoke to such a server before
     * it spoke both eras, so earlier pins stay valid.
     */
    public String pinSubject() {
        return only.filter(era -> era == Era.SESSION).map(era -> spec.name() + SESSION_PIN_SUFFIX).orElse(spec.name());
    }

    /** How the logs name it: the server, and the era for a half. */
    public String describe() {
        return only.map(era -> spec.name() + " (" + era.name().toLowerCase() + " half)").orElse(spec.name());
    }
}
