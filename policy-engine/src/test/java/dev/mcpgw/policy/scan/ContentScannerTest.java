package dev.mcpgw.policy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentScannerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Detector> SECRETS = List.of(Detector.SECRETS);

    private static List<Finding> secretsIn(String arguments) throws Exception {
        return ContentScanner.scan(JSON.readTree(arguments), SECRETS);
    }

    private static Finding secretValue(String pointer) {
        return new Finding("secrets", "aws-access-key", new ArgumentPlace(pointer, ArgumentPlace.Part.VALUE));
    }

    private static Finding secretKey(String pointer) {
        return new Finding("secrets", "aws-access-key", new ArgumentPlace(pointer, ArgumentPlace.Part.KEY));
    }

    @Test
    void findingsNameTheirPlaceByJsonPointerButNeverTheValue() throws Exception {
        JsonNode arguments = JSON.readTree("""
                {"title": "notes", "config": {"env": ["A=1", "AWS=AKIAIOSFODNN7EXAMPLE"]}, "to": "ada@example.org"}""");

        List<Finding> findings = ContentScanner.scan(arguments, List.of(Detector.SECRETS, Detector.PII));

        assertThat(findings).containsExactly(
                secretValue("/config/env/1"),
                new Finding("pii", "email", new ArgumentPlace("/to", ArgumentPlace.Part.VALUE)));
        assertThat(findings.toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("ada@example.org");
    }

    @Test
    void aKeyContainingADotIsOneSegmentOfThePointer() throws Exception {
        assertThat(secretsIn("{\"a\": [0], \"a.x\": \"AKIAIOSFODNN7EXAMPLE\"}")).containsExactly(secretValue("/a.x"));
    }

    @Test
    void slashesAndTildesInKeysAreEscapedAsRfc6901Says() throws Exception {
        assertThat(secretsIn("{\"a/b\": {\"c~d\": \"AKIAIOSFODNN7EXAMPLE\"}}")).containsExactly(secretValue("/a~1b/c~0d"));
    }

    @Test
    void anEmptyKeyIsAnEmptySegment() throws Exception {
        assertThat(secretsIn("{\"\": {\"\": \"AKIAIOSFODNN7EXAMPLE\"}}")).containsExactly(secretValue("//"));
    }

    @Test
    void arraysOfArraysAreIndexedAtEveryLevel() throws Exception {
        assertThat(secretsIn("[[\"x\", [\"AKIAIOSFODNN7EXAMPLE\"]]]")).containsExactly(secretValue("/0/1/0"));
    }

    @Test
    void aKeyIsScannedAndItsFindingSaysItIsAKey() throws Exception {
        assertThat(secretsIn("{\"AKIAIOSFODNN7EXAMPLE\": \"AKIAIOSFODNN7EXAMPL2\"}"))
                .containsExactly(secretKey("/AKIAIOSFODNN7EXAMPLE"), secretValue("/AKIAIOSFODNN7EXAMPLE"));
    }

    @Test
    void aStringArgumentIsFoundAtTheRootPointer() throws Exception {
        assertThat(secretsIn("\"AKIAIOSFODNN7EXAMPLE\"")).containsExactly(secretValue(""));
    }

    @Test
    void aFindingReadsAsTheDetectorKindAndPointer() {
        assertThat(secretValue("/config/a.b/0")).hasToString("secrets/aws-access-key in arguments/config/a.b/0");
    }

    @Test
    void aFindingNeverRepeatsAFlaggedKeyAlongItsPointer() throws Exception {
        List<Finding> findings = secretsIn("{\"AKIAIOSFODNN7EXAMPLE\": {\"note\": \"AKIAIOSFODNN7EXAMPL2\"}}");

        assertThat(findings).extracting(Finding::toString).containsExactly(
                "secrets/aws-access-key in the key arguments/[redacted key]",
                "secrets/aws-access-key in arguments/[redacted key]/note");
    }
}
