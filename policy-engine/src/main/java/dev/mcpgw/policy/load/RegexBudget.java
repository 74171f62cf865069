package dev.mcpgw.policy.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.policy.match.LinearPattern;
import dev.mcpgw.policy.match.PatternSize;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a policy's regular expressions compile to, together. {@link LinearPattern} holds each
 * pattern to its limit; this holds a policy of many patterns to one budget, checked before any is
 * compiled, so that a document of a megabyte cannot make every reader of gateway.policy compile
 * gigabytes. The patterns are the {@code regex} of argument constraints and the value of
 * {@code matches} conditions, wherever they are in the document.
 */
final class RegexBudget {
    /** Ten patterns at {@link LinearPattern#MAX_INSTRUCTIONS}, about 12 MB compiled. */
    static final long MAX_INSTRUCTIONS = 10 * LinearPattern.MAX_INSTRUCTIONS;

    private RegexBudget() {
    }

    static void check(JsonNode tree) throws PolicyException {
        long total = 0;
        Deque<JsonNode> nodes = new ArrayDeque<>(List.of(tree));
        while (!nodes.isEmpty() && total <= MAX_INSTRUCTIONS) {
            JsonNode node = nodes.pop();
            if (node.path("regex").isTextual()) {
                total += counted(node.get("regex").textValue());
            }
            if (node.path("operator").asText().equals("matches") && node.path("value").isTextual()) {
                total += counted(node.get("value").textValue());
            }
            node.elements().forEachRemaining(nodes::push);
        }
        if (total > MAX_INSTRUCTIONS) {
            throw new PolicyException(List.of("the policy's regular expressions would compile to more than "
                    + MAX_INSTRUCTIONS + " instructions together (a repetition within a repetition multiplies)"));
        }
    }

    /** A pattern over its own limit is refused where it stands, with its position, before it would be compiled. */
    private static long counted(String regex) {
        return Math.min(PatternSize.of(regex).instructions(), LinearPattern.MAX_INSTRUCTIONS + 1);
    }
}
