package dev.mcpgw.policy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;

/** Whatever arguments arrive, redacting what the scanner flags leaves nothing a rescan flags. */
class RedactionFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Detector> EVERY_DETECTOR = Arrays.asList(Detector.values());

    @FuzzTest(maxDuration = "20s")
    void redactionLeavesNothingFlagged(FuzzedDataProvider data) {
        JsonNode arguments;
        try {
            arguments = JSON.readTree(data.consumeRemainingAsString());
        } catch (JsonProcessingException e) {
            return;
        }
        List<Finding> findings = ContentScanner.scan(arguments, EVERY_DETECTOR);

        JsonNode redacted = Redaction.apply(arguments, findings.stream().map(Finding::place).toList());

        assertThat(ContentScanner.scan(redacted, EVERY_DETECTOR)).isEmpty();
    }
}
