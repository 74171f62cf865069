package dev.mcpgw.launcher;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The line each key and list item of a config file starts on, by JSON pointer: the config is bound
 * from its tree (after ${VAR} substitution), which keeps no locations, so errors look them up here.
 */
final class ConfigPositions {
    private final Map<String, Integer> lines = new HashMap<>();

    static ConfigPositions of(String text) {
        ConfigPositions positions = new ConfigPositions();
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || parser.getParsingContext().inArray()) {
                    positions.lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // The text was parsed once already; a second failure only costs the line numbers.
        }
        return positions;
    }

    /** "line N: " of the node at {@code pointer}, or of its nearest located ancestor; empty if none. */
    String at(String pointer) {
        for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return "line " + line + ": ";
            }
        }
        return "";
    }
}
