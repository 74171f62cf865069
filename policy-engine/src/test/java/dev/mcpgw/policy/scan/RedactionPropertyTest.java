package dev.mcpgw.policy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Redaction as a property: for generated arguments with flagged text of every detector kind in
 * keys and values at any depth, among keys that break dotted paths, rescanning what redaction
 * leaves finds nothing, and no reason repeats what was flagged.
 */
class RedactionPropertyTest {
    private static final List<Detector> EVERY_DETECTOR = Arrays.asList(Detector.values());
    private static final List<String> AWKWARD_KEYS = List.of(
            "", ".", "a", "a.b", "a.x", "/", "a/b", "~", "~0", "~1", "0", "1", "01", "-", "-1", "10", "2147483648",
            "[redacted key 1]", "[redacted key 2]", " ", "x.0.y");
    private static final List<String> PLAIN_TEXT = List.of("", "hi", "a.b", "0", "notes for tomorrow", "~/docs", "see /srv/x");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random = new Random(20_261_125L);

    @Test
    void nothingADetectorFlagsSurvivesRedactionAndNothingThrows() {
        Set<ArgumentPlace.Part> flaggedParts = EnumSet.noneOf(ArgumentPlace.Part.class);
        for (int i = 0; i < 3_000; i++) {
            JsonNode arguments = document(0);

            List<Finding> findings = ContentScanner.scan(arguments, EVERY_DETECTOR);
            JsonNode redacted = Redaction.apply(arguments, findings.stream().map(Finding::place).toList());
            findings.forEach(f -> flaggedParts.add(f.place().part()));

            assertThat(ContentScanner.scan(redacted, EVERY_DETECTOR)).as("rescan of %s", redacted).isEmpty();
            for (Finding finding : findings) {
                assertThat(EVERY_DETECTOR).as("reason %s", finding)
                        .allSatisfy(d -> assertThat(d.kindsIn(finding.toString())).isEmpty());
            }
        }
        assertThat(flaggedParts).as("the generator flags both keys and values").containsExactlyInAnyOrder(ArgumentPlace.Part.values());
    }

    private JsonNode document(int depth) {
        int shape = random.nextInt(depth >= 6 ? 3 : 5);
        return switch (shape) {
            case 0 -> NODES.textNode(text());
            case 1 -> random.nextBoolean() ? NODES.numberNode(random.nextInt()) : NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.nullNode();
            case 3 -> object(depth);
            default -> array(depth);
        };
    }

    private ObjectNode object(int depth) {
        ObjectNode object = NODES.objectNode();
        for (int n = random.nextInt(5); n > 0; n--) {
            object.set(key(), document(depth + 1));
        }
        return object;
    }

    private ArrayNode array(int depth) {
        ArrayNode array = NODES.arrayNode();
        for (int n = random.nextInt(5); n > 0; n--) {
            array.add(document(depth + 1));
        }
        return array;
    }

    private String key() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(AWKWARD_KEYS);
            case 1 -> pick(FlaggedSamples.ALL);
            default -> pick(AWKWARD_KEYS) + pick(FlaggedSamples.ALL);
        };
    }

    private String text() {
        return switch (random.nextInt(3)) {
            case 0 -> pick(PLAIN_TEXT);
            case 1 -> pick(FlaggedSamples.ALL);
            default -> pick(PLAIN_TEXT) + " " + pick(FlaggedSamples.ALL);
        };
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
