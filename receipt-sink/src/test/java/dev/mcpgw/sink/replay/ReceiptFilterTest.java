package dev.mcpgw.sink.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.testsupport.SampleIntents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReceiptFilterTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private static Receipt receipt(String agent, Effect effect, Instant time) {
        return Receipt.newBuilder()
                .setChain("propose-0").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("")
                .setIntent(SampleIntents.intent().setAgent(SampleIntents.agent(agent)).build())
                .setPolicyVersion("v").setEffect(effect).setTime(time.toEpochMilli()).build();
    }

    @Test
    void shouldKeepEventTimesFromTheStartInclusiveToTheEndExclusive() {
        var filter = new ReceiptFilter(ReceiptFilter.Bound.parse("2026-11-23T12:00:00Z"), ReceiptFilter.Bound.parse("2026-11-23T13:00:00Z"), null, null, null);

        assertThat(filter.matches(0, receipt("a", Effect.ALLOW, NOON))).isTrue();
        assertThat(filter.matches(0, receipt("a", Effect.ALLOW, NOON.minusMillis(1)))).isFalse();
        assertThat(filter.matches(0, receipt("a", Effect.ALLOW, NOON.plusSeconds(3600)))).isFalse();
    }

    @Test
    void shouldReadDigitsAsTopicOffsets() {
        var filter = new ReceiptFilter(ReceiptFilter.Bound.parse("10"), ReceiptFilter.Bound.parse("12"), null, null, null);

        assertThat(filter.matches(9, receipt("a", Effect.ALLOW, NOON))).isFalse();
        assertThat(filter.matches(10, receipt("a", Effect.ALLOW, NOON))).isTrue();
        assertThat(filter.matches(11, receipt("a", Effect.ALLOW, NOON))).isTrue();
        assertThat(filter.matches(12, receipt("a", Effect.ALLOW, NOON))).isFalse();
    }

    @Test
    void shouldKeepOnlyTheAgentAndDecisionAskedFor() {
        var filter = new ReceiptFilter(null, null, "alice", Effect.DENY, null);

        assertThat(filter.matches(0, receipt("alice", Effect.DENY, NOON))).isTrue();
        assertThat(filter.matches(0, receipt("alice", Effect.ALLOW, NOON))).isFalse();
        assertThat(filter.matches(0, receipt("bob", Effect.DENY, NOON))).isFalse();
    }

    @Test
    void shouldKeepOnlyTheKindOfReceiptAskedFor() {
        var filter = new ReceiptFilter(null, null, null, null, ReceiptKind.OUTCOME);
        Receipt decision = receipt("alice", Effect.ALLOW, NOON);
        Receipt outcome = Receipt.newBuilder(decision).setKind(ReceiptKind.OUTCOME).build();

        assertThat(filter.matches(0, outcome)).isTrue();
        assertThat(filter.matches(0, decision)).isFalse();
    }
}
