package dev.mcpgw.policy.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a policy document starts, by JSON pointer, so that a problem found after
 * parsing (a bad regex, an impossible window) is reported at its line and column. Jackson's tree
 * nodes carry no locations, hence this walk over the parser's tokens.
 */
final class SourcePositions {
    private final Map<String, JsonLocation> byPointer = new HashMap<>();

    static SourcePositions of(String source) {
        SourcePositions positions = new SourcePositions();
        try (JsonParser parser = new YAMLFactory().createParser(source)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                positions.record(parser, token);
            }
        } catch (IOException e) {
            // The document was parsed before; a second failure only costs the positions.
        }
        return positions;
    }

    private void record(JsonParser parser, JsonToken token) {
        if (token == JsonToken.FIELD_NAME) {
            byPointer.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
        } else if (token.isStructStart() && parser.getParsingContext().getParent() != null
                && parser.getParsingContext().getParent().inArray()) {
            byPointer.putIfAbsent(parser.getParsingContext().getParent().pathAsPointer().toString(), parser.currentTokenLocation());
        } else if (token.isScalarValue() && parser.getParsingContext().inArray()) {
            byPointer.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
        }
    }

    /** "line L, column C: " of the node at {@code pointer}, or of its nearest located ancestor; empty if none. */
    String at(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            JsonLocation location = byPointer.get(p);
            if (location != null) {
                return "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
            }
        }
        return "";
    }
}
