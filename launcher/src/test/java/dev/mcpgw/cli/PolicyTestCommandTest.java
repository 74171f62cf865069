package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTestCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPassEveryCaseTheStarterPolicyShipsWith() throws Exception {
        CliRun run = CliRun.of("policy", "test", CliRun.starterFile(dir, "policy.yaml").toString(),
                CliRun.starterFile(dir, "policy-cases.yaml").toString());

        assertThat(run.output()).contains("PASS policy-cases.yaml: deletions are never automated, whoever asks")
                .doesNotContain("FAIL").endsWith("9 cases: 9 passed, 0 failed\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void shouldPrintOneLinePerCaseAndADiffForEachFailureAndExitOne() throws Exception {
        Path cases = dir.resolve("mine.yaml");
        Files.writeString(cases, """
                cases:
                  - name: echo is allowed
                    intent: {agent: {id: demo-agent, groups: [demo]}, server: demo, tool: echo, arguments: {text: hi}}
                    expect: {effect: allow}
                  - name: wrongly expected to allow deletions
                    intent: {agent: {id: demo-agent, groups: [demo]}, server: demo, tool: delete_file, arguments: {path: /x}}
                    expect: {effect: allow, rules: [demo-read-and-compute]}
                """);

        CliRun run = CliRun.of("policy", "test", CliRun.starterFile(dir, "policy.yaml").toString(), cases.toString());

        assertThat(run.output()).isEqualTo("""
                PASS mine.yaml: echo is allowed
                FAIL mine.yaml: wrongly expected to allow deletions
                     effect: expected ALLOW, got DENY
                     rules: expected [demo-read-and-compute], got [no-deletes]
                     because: denied by rule no-deletes: deletions are never automated
                2 cases: 1 passed, 1 failed
                """);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldRefuseACaseFileItCannotReadSayingWhereAndExitTwo() throws Exception {
        Path cases = dir.resolve("bad.yaml");
        Files.writeString(cases, "cases: [{name: n, intent: {agent: {id: a}, server: s}, expect: {effect: allow}}]\n");

        CliRun run = CliRun.of("policy", "test", CliRun.starterFile(dir, "policy.yaml").toString(), cases.toString());

        assertThat(run.output()).isEqualTo(cases + ": cases[0] (n): intent.name exactly one of tool, prompt, resource or completion\n");
        assertThat(run.exitCode()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAMissingPolicyFileByName() {
        CliRun run = CliRun.of("policy", "test", dir.resolve("nope.yaml").toString(), dir.resolve("cases.yaml").toString());

        assertThat(run.output()).isEqualTo(dir.resolve("nope.yaml") + ": no such file\n");
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
