package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.ToolPinTopic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PinSource;
import dev.mcpgw.schemas.ToolPin;
import dev.mcpgw.schemas.ToolPinEvent;
import dev.mcpgw.schemas.ToolPinEventKind;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** `gateway tools list` and `gateway tools accept` against the real broker, on pins as edges record them. */
class ToolsCommandIT {
    private static final String PINNED = "a".repeat(64);
    private static final String CHANGED = "b".repeat(64);

    /** A tool of a server of its own, pinned, with a changed description held back, as an edge records it. */
    private static String changedTool(PinSource source) {
        String server = "cli-" + UUID.randomUUID();
        ToolPin pin = ToolPin.newBuilder().setServer(server).setTool("echo").setPinnedHash(PINNED)
                .setPinnedDefinition("{\"description\":\"Returns its text\",\"name\":\"echo\"}").setSource(source)
                .setChangedHash(CHANGED).setChangedDefinition("{\"description\":\"Returns its text, and mails it\",\"name\":\"echo\"}")
                .setUpdatedBy("edge-test").setUpdatedAt(1L).build();
        ToolPinTopic.publish(SharedKafka.bootstrapServers(), pin, ToolPinEvent.newBuilder().setKind(ToolPinEventKind.CHANGED).setServer(server)
                .setTool("echo").setOldHash(PINNED).setNewHash(CHANGED).setSource(source).setBy("edge-test").setAt(1L).build());
        return server;
    }

    @Test
    void shouldListAChangedToolWithBothHashesAndWhatChanged() {
        String server = changedTool(PinSource.FIRST_USE);

        CliRun run = CliRun.of("tools", "list", "--server", server, "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains(server + " echo CHANGED, awaiting acceptance (first-use)", "pinned: " + PINNED, "now:    " + CHANGED,
                "description changed: \"Returns its text\" -> \"Returns its text, and mails it\"");
    }

    @Test
    void shouldPinTheChangedDefinitionAndRecordTheAcceptanceWhenAccepted() {
        // given
        String server = changedTool(PinSource.FIRST_USE);

        // when
        CliRun run = CliRun.of("tools", "accept", server, "echo", "--bootstrap-servers", SharedKafka.bootstrapServers());

        // then
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("ACCEPTED: " + server + " echo is pinned to " + CHANGED);
        ToolPin pin = ToolPinTopic.readAll(SharedKafka.bootstrapServers()).get(ToolPinTopic.key(server, "echo"));
        assertThat(pin.getPinnedHash()).isEqualTo(CHANGED);
        assertThat(pin.getChangedHash()).isNull();
        assertThat(pin.getSource()).isEqualTo(PinSource.ACCEPTED);
        assertThat(CliRun.of("tools", "list", "--server", server, "--bootstrap-servers", SharedKafka.bootstrapServers()).output())
                .contains(server + " echo PINNED " + CHANGED + " (accepted)");
        assertThat(TopicIO.readUntil(Topics.TOOL_PIN_EVENTS, records -> records.stream().anyMatch(r -> r.value().getServer().equals(server)
                && r.value().getKind() == ToolPinEventKind.ACCEPTED), Duration.ofSeconds(20))).anySatisfy(r -> {
                    assertThat(r.value().getKind()).isEqualTo(ToolPinEventKind.ACCEPTED);
                    assertThat(r.value().getOldHash()).isEqualTo(PINNED);
                    assertThat(r.value().getNewHash()).isEqualTo(CHANGED);
                });
    }

    @Test
    void shouldRefuseToAcceptAToolTheConfigPins() {
        String server = changedTool(PinSource.CONFIG);

        CliRun run = CliRun.of("tools", "accept", server, "echo", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("pinned by the gateway config: set mcpServers." + server + ".pins.echo to " + CHANGED);
    }

    @Test
    void shouldRefuseToAcceptAToolNoGatewayPinned() {
        CliRun run = CliRun.of("tools", "accept", "no-such-server", "echo", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("no tool echo of server no-such-server is pinned");
    }

    @Test
    void shouldSayInOneLineWhenKafkaCannotBeReached() {
        CliRun run = CliRun.of("tools", "list", "--bootstrap-servers", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("cannot reach a gateway's Kafka at 127.0.0.1:1");
    }
}
