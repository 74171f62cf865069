package dev.mcpgw.policy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentScannerTest {

    @Test
    void shouldNameTheArgumentPathOfEveryFindingButNeverItsValue() throws Exception {
        var arguments = new ObjectMapper().readTree("""
                {"title": "notes", "config": {"env": ["A=1", "AWS=AKIAIOSFODNN7EXAMPLE"]}, "to": "ada@example.org"}""");

        List<Finding> findings = ContentScanner.scan(arguments, List.of(Detector.SECRETS, Detector.PII));

        assertThat(findings).containsExactly(
                new Finding("secrets", "aws-access-key", "config.env.1"),
                new Finding("pii", "email", "to"));
        assertThat(findings.toString()).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain("ada@example.org");
    }
}
