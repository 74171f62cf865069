package dev.mcpgw.sink.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcpgw.chain.SampleChains;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.RequestKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class OcsfApiActivityTest {
    private final Receipt denied = SampleChains.chain("propose-2", 1).get(0);

    @Test
    void shouldMapADenialToABlockedApiActivity() {
        JsonNode event = OcsfApiActivity.of(denied, "0.1.0");

        assertThat(event.get("class_uid").asInt()).isEqualTo(6003);
        assertThat(event.get("category_uid").asInt()).isEqualTo(6);
        assertThat(event.get("type_uid").asInt()).isEqualTo(600399);
        assertThat(event.get("activity_name").asText()).isEqualTo("tools/call");
        assertThat(event.get("time").asLong()).isEqualTo(denied.getTime());
        assertThat(event.get("status").asText()).isEqualTo("Failure");
        assertThat(event.get("action").asText()).isEqualTo("Denied");
        assertThat(event.get("disposition_id").asInt()).isEqualTo(2);
        assertThat(event.get("status_detail").asText()).isEqualTo("denied by rule no-reads");
    }

    @Test
    void shouldNameAPromptRequestByItsMethodAndItsPrompt() {
        Receipt prompt = Receipt.newBuilder(denied)
                .setIntent(Intent.newBuilder(denied.getIntent()).setKind(RequestKind.PROMPT_GET).setTool("summarize").build()).build();

        JsonNode event = OcsfApiActivity.of(prompt, "0.1.0");

        assertThat(event.get("activity_name").asText()).isEqualTo("prompts/get");
        assertThat(event.at("/api/operation").asText()).isEqualTo("prompts/get");
        assertThat(event.at("/resources/0/type").asText()).isEqualTo("MCP prompt");
        assertThat(event.at("/resources/0/name").asText()).isEqualTo("summarize");
    }

    @Test
    void shouldNameAResourceReadsOutcomeByItsMethod() {
        Receipt read = Receipt.newBuilder(denied)
                .setIntent(Intent.newBuilder(denied.getIntent()).setKind(RequestKind.RESOURCE_READ).setTool("file:///etc/motd").build())
                .setKind(ReceiptKind.OUTCOME)
                .setOutcome(new CallOutcome(OutcomeStatus.EXECUTED, new ReceiptRef("propose-2", 0L, "ab"), 5L, 1L, null, null, List.of()))
                .build();

        JsonNode event = OcsfApiActivity.of(read, "0.1.0");

        assertThat(event.get("activity_name").asText()).isEqualTo("resources/read outcome");
        assertThat(event.at("/resources/0/type").asText()).isEqualTo("MCP resource");
    }

    @Test
    void shouldNameTheAgentTheServerTheToolAndTheCaller() {
        JsonNode event = OcsfApiActivity.of(denied, "0.1.0");

        assertThat(event.at("/actor/user/uid").asText()).isEqualTo("agent-a");
        assertThat(event.at("/api/service/name").asText()).isEqualTo("files");
        assertThat(event.at("/api/request/uid").asText()).isEqualTo(denied.getIntent().getIntentId());
        assertThat(event.at("/api/request/data/path").asText()).isEqualTo("/tmp/0");
        assertThat(event.at("/resources/0/name").asText()).isEqualTo("read_file");
        assertThat(event.at("/src_endpoint/ip").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldCarryTheReceiptForDeduplicationAndCorrelation() {
        JsonNode event = OcsfApiActivity.of(denied, "0.1.0");

        assertThat(event.at("/metadata/version").asText()).isEqualTo("1.3.0");
        assertThat(event.at("/metadata/uid").asText()).isEqualTo(denied.getHash());
        assertThat(event.at("/metadata/correlation_uid").asText()).isEqualTo(denied.getIntent().getIntentId());
        assertThat(event.at("/metadata/product/version").asText()).isEqualTo("0.1.0");
        assertThat(event.at("/policy/uid").asText()).isEqualTo("v1");
        assertThat(event.at("/unmapped/receipt/chain").asText()).isEqualTo("propose-2");
        assertThat(event.at("/unmapped/receipt/matched_rules/0").asText()).isEqualTo("no-reads");
    }

    @Test
    void shouldMapAnOutcomeWithItsDurationAndError() {
        Receipt outcome = Receipt.newBuilder(denied).setKind(ReceiptKind.OUTCOME)
                .setOutcome(new CallOutcome(OutcomeStatus.FAILED, new ReceiptRef("propose-2", 0L, "abc"), 5000L, 12L, null, "-32603 boom", List.of()))
                .build();

        JsonNode event = OcsfApiActivity.of(outcome, "0.1.0");

        assertThat(event.get("activity_name").asText()).isEqualTo("tools/call outcome");
        assertThat(event.get("status").asText()).isEqualTo("Failure");
        assertThat(event.get("duration").asLong()).isEqualTo(12);
        assertThat(event.at("/api/response/error").asText()).isEqualTo("-32603 boom");
        assertThat(event.at("/unmapped/receipt/decision_receipt/hash").asText()).isEqualTo("abc");
    }
}
