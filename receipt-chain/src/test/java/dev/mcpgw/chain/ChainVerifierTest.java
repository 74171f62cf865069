package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private static final SigningKey KEY = SampleChains.KEY;
    private final ReceiptHasher hasher = new ReceiptHasher();

    @Test
    void shouldVerifyAnIntactChain() {
        ChainVerifier verifier = verifier();

        assertThat(firstBreak(verifier, chain("p-0", 5))).isEmpty();
        assertThat(verifier.verifiedCount()).isEqualTo(5);
        assertThat(verifier.heads().get("p-0").nextSequence()).isEqualTo(5);
    }

    @Test
    void shouldVerifyInterleavedChainsIndependently() {
        List<Receipt> a = chain("p-0", 3);
        List<Receipt> b = chain("p-1", 3);
        List<Receipt> interleaved = List.of(a.get(0), b.get(0), b.get(1), a.get(1), a.get(2), b.get(2));

        assertThat(firstBreak(verifier(), interleaved)).isEmpty();
    }

    @Test
    void shouldReportFirstBrokenLinkWhenAnArgumentIsEdited() {
        List<Receipt> receipts = chain("p-0", 5);
        receipts.get(3).getIntent().setArgumentsJson("{\"path\":\"/etc/shadow\"}");

        ChainBreak found = firstBreak(verifier(), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(3);
        assertThat(found.check()).isEqualTo("receipt hash");
        assertThat(found.found()).isEqualTo(receipts.get(3).getHash());
    }

    @Test
    void shouldReportFirstBrokenLinkWhenTheDecisionIsEdited() {
        List<Receipt> receipts = chain("p-0", 4);
        receipts.get(1).setEffect(Effect.ALLOW);

        assertThat(firstBreak(verifier(), receipts).orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void shouldReportTheMissingSequenceWhenAReceiptIsRemoved() {
        List<Receipt> receipts = chain("p-0", 5);
        receipts.remove(2);

        ChainBreak found = firstBreak(verifier(), receipts).orElseThrow();

        assertThat(found).isEqualTo(new ChainBreak("p-0", 2, "sequence", "2", "3"));
    }

    @Test
    void shouldReportWhereReceiptsWereSwapped() {
        List<Receipt> receipts = chain("p-0", 5);
        Collections.swap(receipts, 1, 2);

        ChainBreak found = firstBreak(verifier(), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(1);
        assertThat(found.check()).isEqualTo("sequence");
    }

    @Test
    void shouldReportAReceiptRehashedWithoutTheKeyAtItsSignature() {
        List<Receipt> receipts = chain("p-0", 3);
        Receipt forged = receipts.get(1);
        forged.setReasons(List.of("allowed by rule nobody-wrote"));
        forged.setHash(hasher.hash(forged));

        ChainBreak found = firstBreak(verifier(), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(1);
        assertThat(found.check()).isEqualTo("signature");
    }

    @Test
    void shouldReportAReceiptResignedWithAnotherKeyAsSignedByAnUnknownKey() {
        List<Receipt> receipts = chain("p-0", 3);
        SigningKey forger = SigningKey.generate();
        Receipt forged = receipts.get(2);
        forged.setKeyId(forger.keyId());
        forged.setHash(hasher.hash(forged));
        forged.setSignature(ReceiptSignature.sign(forger, forged.getHash()));

        ChainBreak found = firstBreak(verifier(), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(2);
        assertThat(found.check()).isEqualTo("signing key");
        assertThat(found.found()).isEqualTo("unknown key id " + forger.keyId());
    }

    @Test
    void shouldReportASignatureCopiedFromAnotherReceipt() {
        List<Receipt> receipts = chain("p-0", 3);
        receipts.get(2).setSignature(receipts.get(1).getSignature());

        ChainBreak found = firstBreak(verifier(), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(2);
        assertThat(found.check()).isEqualTo("signature");
    }

    @Test
    void shouldLeaveTheSignaturesOfReceiptsBeforeASignedCheckpointToItAndCheckTheTail() {
        List<Receipt> receipts = chain("p-0", 5);
        receipts.get(1).setSignature(receipts.get(0).getSignature());
        receipts.get(3).setSignature(receipts.get(0).getSignature());
        SignatureCover firstThree = checkpointAt(receipts, 3);

        ChainBreak found = firstBreak(new ChainVerifier(hasher, KeyRing.of(KEY.publicKey()), firstThree), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(3);
        assertThat(found.check()).isEqualTo("signature");
    }

    @Test
    void shouldReportAReceiptForgedBeforeACheckpointAtTheLinkAfterIt() {
        List<Receipt> receipts = chain("p-0", 4);
        SignatureCover all = checkpointAt(receipts, 4);
        Receipt forged = receipts.get(1);
        forged.setReasons(List.of("allowed by rule nobody-wrote"));
        forged.setHash(hasher.hash(forged));

        ChainBreak found = firstBreak(new ChainVerifier(hasher, KeyRing.of(KEY.publicKey()), all), receipts).orElseThrow();

        assertThat(found).isEqualTo(new ChainBreak("p-0", 2, "previous hash", forged.getHash(), receipts.get(2).getPreviousHash()));
    }

    @Test
    void shouldStillRequireAKnownKeyIdOfAReceiptBeforeACheckpoint() {
        List<Receipt> receipts = chain("p-0", 3);
        SignatureCover all = checkpointAt(receipts, 3);
        SigningKey forger = SigningKey.generate();
        Receipt forged = receipts.get(1);
        forged.setKeyId(forger.keyId());
        forged.setHash(hasher.hash(forged));
        forged.setSignature(ReceiptSignature.sign(forger, forged.getHash()));

        ChainBreak found = firstBreak(new ChainVerifier(hasher, KeyRing.of(KEY.publicKey()), all), receipts).orElseThrow();

        assertThat(found.sequence()).isEqualTo(1);
        assertThat(found.check()).isEqualTo("signing key");
    }

    @Test
    void shouldRefreshAKeyRingFromItsSourceWhenAnUnknownKeyComesUp() {
        List<ReceiptKey> published = new ArrayList<>();
        KeyRing ring = KeyRing.readingFrom(() -> List.copyOf(published));
        List<Receipt> receipts = chain("p-0", 2);
        published.add(KEY.published(0L));

        assertThat(firstBreak(new ChainVerifier(hasher, ring), receipts)).isEmpty();
    }

    @Test
    void shouldChangeTheHashWhenAnyFieldChanges() {
        Receipt receipt = chain("p-0", 1).get(0);
        String original = receipt.getHash();
        receipt.getIntent().getAgent().setGroups(List.of("admins"));

        assertThat(hasher.hash(receipt)).isNotEqualTo(original);
    }

    private ChainVerifier verifier() {
        return new ChainVerifier(hasher, KeyRing.of(KEY.publicKey()));
    }

    private Optional<ChainBreak> firstBreak(ChainVerifier verifier, List<Receipt> receipts) {
        Optional<ChainBreak> result = Optional.empty();
        for (Receipt r : receipts) {
            result = verifier.accept(r);
        }
        return result;
    }

    /** The cover of a checkpoint, signed with the chain's key, of the first {@code count} receipts. */
    private static SignatureCover checkpointAt(List<Receipt> receipts, int count) {
        Receipt head = receipts.get(count - 1);
        Checkpoint checkpoint = CheckpointSignature.of(new ChainHead(head.getChain(), count, head.getHash()), 0L, KEY);
        return new CheckpointCheck(List.of(checkpoint), KeyRing.of(KEY.publicKey()));
    }

    private List<Receipt> chain(String chain, int length) {
        return SampleChains.chain(chain, length);
    }
}
