package dev.mcpgw.testsupport;

import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.ReplyAddress;
import java.util.Map;
import java.util.UUID;

/** Intents for tests: a complete, valid intent to adjust with the Avro builder's setters. */
public final class SampleIntents {
    private SampleIntents() {
    }

    /** agent-a calls demo/echo with no arguments at event time 1000, replies to partition 0. */
    public static Intent.Builder intent() {
        return Intent.newBuilder()
                .setIntentId(UUID.randomUUID().toString())
                .setEventTime(1000)
                .setAgent(agent("agent-a"))
                .setServer("demo")
                .setTool("echo")
                .setArgumentsJson("{}")
                .setProtocolVersion("2025-11-25")
                .setReplyTo(new ReplyAddress("edge-test", 0))
                .setContext(Map.of("sourceIp", "127.0.0.1"));
    }

    public static AgentIdentity agent(String id) {
        return AgentIdentity.newBuilder().setId(id).setCredential("api-key:test").setAttributes(Map.of()).build();
    }
}
