package dev.mcpgw.policy.constraint;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Brings a path argument to the one absolute, lexical form a prefix can be checked against, or
 * says why it cannot: Unicode look-alikes folded (NFKC), URL-encoding undone (repeatedly, so double
 * encoding does not hide a {@code ..}), {@code file:} URIs unwrapped, backslashes taken as
 * separators, {@code .} and {@code ..} resolved. Relative paths, home-directory paths, paths that
 * climb above the root and control characters are refused: their meaning depends on the tool
 * server. Symbolic links live on the tool server's disk, out of the gateway's sight.
 */
public final class PathNormalizer {
    private static final int MAX_DECODE_ROUNDS = 4;

    /** The normalized path, or the reason it was refused. */
    public record Result(String path, String refusal) {
        boolean ok() {
            return path != null;
        }
    }

    private PathNormalizer() {
    }

    public static Result normalize(String raw) {
        String path = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        for (int round = 0; path.contains("%"); round++) {
            if (round == MAX_DECODE_ROUNDS) {
                return refused("is URL-encoded too many times");
            }
            try {
                // '+' is a literal in paths, not an encoded space.
                path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return refused("has a malformed URL escape");
            }
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            return refused("contains a control character");
        }
        if (path.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                path = URI.create(path).getPath();
            } catch (IllegalArgumentException e) {
                return refused("is not a valid file: URI");
            }
            if (path == null) {
                return refused("is not a valid file: URI");
            }
        }
        path = path.replace('\\', '/');
        if (!path.startsWith("/")) {
            return refused(path.startsWith("~") ? "is relative to a home directory" : "is not an absolute path");
        }
        return resolveDots(path);
    }

    private static Result resolveDots(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return refused("climbs above the root");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return new Result("/" + String.join("/", segments), null);
    }

    private static Result refused(String why) {
        return new Result(null, why);
    }
}
