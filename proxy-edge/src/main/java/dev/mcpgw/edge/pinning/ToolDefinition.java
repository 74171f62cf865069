package dev.mcpgw.edge.pinning;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * What of a tool is pinned: its {@code name}, {@code title}, {@code description},
 * {@code inputSchema}, {@code outputSchema} and {@code annotations} (the fields a model reads and
 * a call depends on; {@code _meta} and {@code icons} are not), as RFC 8785 canonical JSON, and the
 * hex SHA-256 of those UTF-8 bytes. Key order and insignificant whitespace do not change the hash.
 * A definition nested deeper than {@link #MAX_DEPTH} or larger than {@link #MAX_BYTES} is not
 * pinned: the gateway withholds it.
 *
 * @param canonicalJson the pinned fields as canonical JSON
 * @param hash          hex SHA-256 of {@code canonicalJson}
 */
public record ToolDefinition(String canonicalJson, String hash) {
    static final List<String> PINNED_FIELDS = List.of("name", "title", "description", "inputSchema", "outputSchema", "annotations");
    public static final int MAX_DEPTH = 64;
    public static final int MAX_BYTES = 256 * 1024;

    /** Thrown for a definition the gateway cannot pin; the tool is withheld. */
    public static final class Unpinnable extends IllegalArgumentException {
        Unpinnable(String message) {
            super(message);
        }
    }

    /** The pinned part of {@code tool} (as the server lists it, under its own name). */
    public static ToolDefinition of(JsonObject tool) {
        JsonObject pinned = new JsonObject();
        PINNED_FIELDS.stream().filter(tool::containsKey).forEach(field -> pinned.put(field, tool.getValue(field)));
        if (tooDeep(pinned, 0)) {
            throw new Unpinnable("its definition is nested deeper than " + MAX_DEPTH + " levels");
        }
        String encoded = pinned.encode();
        if (encoded.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new Unpinnable("its definition takes more than " + MAX_BYTES + " bytes");
        }
        try {
            String canonical = new JsonCanonicalizer(encoded).getEncodedString();
            return new ToolDefinition(canonical, sha256(canonical));
        } catch (IOException | RuntimeException e) {
            throw new Unpinnable("its definition cannot be put in canonical JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    public JsonObject json() {
        return new JsonObject(canonicalJson);
    }

    /** Whether {@code value} holds containers more than {@link #MAX_DEPTH} deep; stops descending at the limit. */
    private static boolean tooDeep(Object value, int depth) {
        if (value instanceof JsonObject object) {
            return depth >= MAX_DEPTH || object.fieldNames().stream().anyMatch(key -> tooDeep(object.getValue(key), depth + 1));
        }
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (depth >= MAX_DEPTH || tooDeep(array.getValue(i), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
