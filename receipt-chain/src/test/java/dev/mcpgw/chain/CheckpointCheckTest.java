package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.SampleIntents;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointCheckTest {
    private static final SigningKey KEY = SigningKey.generate();
    private final ReceiptHasher hasher = new ReceiptHasher();
    private final List<Receipt> receipts = new ArrayList<>();
    private final Checkpoint atFive = chainOfSixWithCheckpointAtFive();

    @Test
    void shouldAcceptATrailThatReachesItsCheckpoints() {
        assertThat(check(receipts, List.of(atFive))).isEmpty();
    }

    @Test
    void shouldReportATailCutOffBeforeTheLatestCheckpoint() {
        ChainBreak found = check(receipts.subList(0, 3), List.of(atFive)).orElseThrow();

        assertThat(found).isEqualTo(new ChainBreak("p-0", 3, "checkpoint", "5 receipts (signed checkpoint)", "3 receipts: the tail is missing"));
    }

    @Test
    void shouldReportACheckpointWhoseHeadIsNotTheReceiptThere() {
        Checkpoint other = CheckpointSignature.of(new ChainHead("p-0", 5, receipts.get(2).getHash()), 0L, KEY);

        ChainBreak found = check(receipts, List.of(other)).orElseThrow();

        assertThat(found.check()).isEqualTo("checkpoint head");
        assertThat(found.sequence()).isEqualTo(4);
    }

    @Test
    void shouldReportACheckpointNotSignedByAPublishedKey() {
        Checkpoint forged = CheckpointSignature.of(new ChainHead("p-0", 9, "f".repeat(64)), 0L, SigningKey.generate());

        assertThat(check(receipts, List.of(atFive, forged))).hasValueSatisfying(b -> assertThat(b.check()).isEqualTo("checkpoint signature"));
    }

    @Test
    void shouldVouchOnlyForReceiptsBeforeACheckpointWhoseSignatureHolds() {
        Checkpoint forged = CheckpointSignature.of(new ChainHead("p-0", 9, "f".repeat(64)), 0L, SigningKey.generate());
        CheckpointCheck check = new CheckpointCheck(List.of(atFive, forged), KeyRing.of(KEY.publicKey()));

        assertThat(check.covers("p-0", 4, "any", "any")).isTrue();
        assertThat(check.covers("p-0", 5, "any", "any")).isFalse();
        assertThat(check.covers("p-1", 0, "any", "any")).isFalse();
    }

    private Optional<ChainBreak> check(List<Receipt> trail, List<Checkpoint> checkpoints) {
        KeyRing keys = KeyRing.of(KEY.publicKey());
        ChainVerifier verifier = new ChainVerifier(hasher, keys);
        CheckpointCheck check = new CheckpointCheck(checkpoints, keys);
        for (Receipt receipt : trail) {
            assertThat(verifier.accept(receipt)).isEmpty();
            check.observe(receipt);
        }
        return check.finish(verifier.heads());
    }

    private Checkpoint chainOfSixWithCheckpointAtFive() {
        ChainAppender appender = new ChainAppender(hasher, KEY);
        ChainHead head = ChainHead.genesis("p-0");
        Checkpoint checkpoint = null;
        for (int i = 0; i < 6; i++) {
            Receipt receipt = Receipt.newBuilder()
                    .setChain("").setSequence(0).setPreviousHash("").setKeyId("").setHash("").setSignature("")
                    .setIntent(SampleIntents.intent().setIntentId("i-" + i).build())
                    .setPolicyVersion("v1").setEffect(Effect.ALLOW).setTime(i).build();
            head = appender.append(head, receipt);
            receipts.add(receipt);
            if (head.nextSequence() == 5) {
                checkpoint = CheckpointSignature.of(head, i, KEY);
            }
        }
        return checkpoint;
    }
}
