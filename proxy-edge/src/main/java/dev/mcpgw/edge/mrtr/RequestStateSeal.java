package dev.mcpgw.edge.mrtr;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.ReceiptRef;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the {@code requestState} the gateway relays to a client so that it comes back only from
 * the same agent, for the same call, while it lasts: {@code mcpgw2.<payload>.<HMAC-SHA256 of the
 * payload>}, the payload (Base64url JSON) holding the server, the agent, the tool, the digest of the
 * call's canonical arguments, the server's own state (if any), the decision receipt of the attempt
 * and when the state expires (what the specification asks a server to bind against replay). Every
 * edge instance holding the key opens what any sealed.
 * Written here rather than with a JWT library: the format carries no algorithm choice to check,
 * only the one MAC the gateway makes.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/patterns/mrtr">Multi Round-Trip Requests</a>
 */
public final class RequestStateSeal {
    private static final String PREFIX = "mcpgw2.";
    private static final String MAC = "HmacSHA256";

    /**
     * What a sealed state binds: the call it was issued for (server, agent, tool as the server names
     * it, SHA-256 of the canonical arguments), the server's state, the attempt it follows, and when
     * it expires (epoch ms).
     */
    public record Binding(String server, String agent, String tool, String argumentsDigest, String state, ReceiptRef attempt,
                          long expiresAt) {
    }

    private final SecretKeySpec key;

    public RequestStateSeal(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the request-state key needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), MAC);
    }

    public String seal(Binding binding) {
        JsonObject payload = new JsonObject()
                .put("server", binding.server())
                .put("agent", binding.agent())
                .put("tool", binding.tool())
                .put("argumentsDigest", binding.argumentsDigest())
                .put("state", binding.state())
                .put("expiresAt", binding.expiresAt())
                .put("attempt", new JsonObject().put("chain", binding.attempt().getChain())
                        .put("sequence", binding.attempt().getSequence()).put("hash", binding.attempt().getHash()));
        String encoded = base64(payload.encode().getBytes(StandardCharsets.UTF_8));
        return PREFIX + encoded + "." + base64(mac(encoded));
    }

    /** The binding of a state this gateway sealed; INVALID_PARAMS for anything else. */
    public Binding open(String sealed) {
        String[] parts = sealed.startsWith(PREFIX) ? sealed.substring(PREFIX.length()).split("\\.", -1) : new String[0];
        try {
            if (parts.length != 2 || !MessageDigest.isEqual(mac(parts[0]), Base64.getUrlDecoder().decode(parts[1]))) {
                throw tampered();
            }
            JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            JsonObject attempt = payload.getJsonObject("attempt");
            return new Binding(payload.getString("server"), payload.getString("agent"), payload.getString("tool"),
                    payload.getString("argumentsDigest"), payload.getString("state"),
                    new ReceiptRef(attempt.getString("chain"), attempt.getLong("sequence"), attempt.getString("hash")),
                    payload.getLong("expiresAt"));
        } catch (IllegalArgumentException | DecodeException | ClassCastException | NullPointerException e) {
            throw tampered();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static RpcException tampered() {
        return new RpcException(ErrorCodes.INVALID_PARAMS,
                "Invalid params: requestState was not issued by this gateway, or was altered on the way back");
    }
}
