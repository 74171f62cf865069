package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyExplainCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheDecisionAndWhereEveryRuleStood() throws Exception {
        CliRun run = CliRun.of("policy", "explain", CliRun.starterFile(dir, "policy.yaml").toString(), "--intent",
                "{\"agent\": {\"id\": \"demo-agent\", \"groups\": [\"demo\"]}, \"server\": \"demo\", \"tool\": \"count_slowly\", "
                        + "\"arguments\": {\"to\": 5000}, \"time\": \"2026-11-23T10:00:00Z\"}");

        assertThat(run.output()).isEqualTo("""
                decision: DENY (rules: none)
                  no rule matched; policy default is deny
                  rule demo-read-and-compute does not apply: arguments.to 5000 is above the maximum 1000
                rules:
                  demo-read-and-compute    allow  does not apply  arguments.to 5000 is above the maximum 1000
                  demo-prompts-and-resources allow  not about it    it is not about tools/call count_slowly
                  no-deletes               deny   not about it    it is not about tools/call count_slowly
                  no-secrets-out           deny   does not apply  its detectors found nothing
                """);
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void shouldReadTheIntentFromAFile() throws Exception {
        Path intent = dir.resolve("intent.yaml");
        Files.writeString(intent, "agent: {id: demo-agent, groups: [demo]}\nserver: demo\ntool: delete_file\narguments: {path: /x}\n");

        CliRun run = CliRun.of("policy", "explain", CliRun.starterFile(dir, "policy.yaml").toString(), "--intent-file", intent.toString());

        assertThat(run.output()).startsWith("decision: DENY (rules: no-deletes)\n  denied by rule no-deletes: deletions are never automated\n");
    }

    @Test
    void shouldRefuseAnIntentItCannotReadAndExitTwo() throws Exception {
        CliRun run = CliRun.of("policy", "explain", CliRun.starterFile(dir, "policy.yaml").toString(), "--intent", "{\"server\": \"demo\"}");

        assertThat(run.output()).isEqualTo("--intent: agent.id is required\n");
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
