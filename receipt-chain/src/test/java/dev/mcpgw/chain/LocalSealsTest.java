package dev.mcpgw.chain;

import static dev.mcpgw.chain.SampleChains.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Receipt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A receipt sink in the stream's process leaves to {@link LocalSeals} only what this process sealed, byte for byte. */
class LocalSealsTest {
    private final ReceiptHasher hasher = new ReceiptHasher();

    @Test
    void shouldCoverAReceiptWithTheHashAndSignatureSealedAtItsPosition() {
        LocalSeals seals = new LocalSeals(100);
        Receipt receipt = sealed(seals, "p-0", 1).get(0);

        assertThat(seals.covers("p-0", 0, receipt.getHash(), receipt.getSignature())).isTrue();
    }

    @Test
    void shouldNotCoverAnotherHashAtASealedPosition() {
        LocalSeals seals = new LocalSeals(100);
        Receipt receipt = sealed(seals, "p-0", 1).get(0);

        assertThat(seals.covers("p-0", 0, "another hash", receipt.getSignature())).isFalse();
    }

    @Test
    void shouldNotCoverAnotherSignatureOfTheSealedHash() {
        LocalSeals seals = new LocalSeals(100);
        Receipt receipt = sealed(seals, "p-0", 1).get(0);

        assertThat(seals.covers("p-0", 0, receipt.getHash(), "forged signature")).isFalse();
    }

    @Test
    void shouldCoverASealOnceOnly() {
        LocalSeals seals = new LocalSeals(100);
        Receipt receipt = sealed(seals, "p-0", 1).get(0);
        seals.covers("p-0", 0, receipt.getHash(), receipt.getSignature());

        assertThat(seals.covers("p-0", 0, receipt.getHash(), receipt.getSignature())).isFalse();
    }

    @Test
    void shouldForgetTheOldestSealsBeyondItsCapacity() {
        LocalSeals seals = new LocalSeals(2);
        List<Receipt> receipts = sealed(seals, "p-0", 3);

        assertThat(seals.covers("p-0", 0, receipts.get(0).getHash(), receipts.get(0).getSignature())).isFalse();
        assertThat(seals.covers("p-0", 2, receipts.get(2).getHash(), receipts.get(2).getSignature())).isTrue();
    }

    @Test
    void shouldRememberNothingWhenNone() {
        LocalSeals seals = LocalSeals.none();
        Receipt receipt = sealed(seals, "p-0", 1).get(0);

        assertThat(seals.covers("p-0", 0, receipt.getHash(), receipt.getSignature())).isFalse();
    }

    @Test
    void shouldLeaveTheVerifierToFindAForgedSignatureOnAReceiptSealedHere() {
        LocalSeals seals = new LocalSeals(100);
        List<Receipt> receipts = sealed(seals, "p-0", 2);
        receipts.get(1).setSignature(receipts.get(0).getSignature());
        ChainVerifier verifier = new ChainVerifier(hasher, KeyRing.of(KEY.publicKey()), Map.of(), seals);

        Optional<ChainBreak> found = Optional.empty();
        for (Receipt receipt : receipts) {
            found = verifier.accept(receipt);
        }

        assertThat(found).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(1);
            assertThat(b.check()).isEqualTo("signature");
        });
    }

    @Test
    void shouldLeaveTheVerifierToFindAReceiptRehashedAfterItWasSealedHere() {
        LocalSeals seals = new LocalSeals(100);
        List<Receipt> receipts = sealed(seals, "p-0", 1);
        Receipt forged = receipts.get(0);
        forged.setReasons(List.of("allowed by rule nobody-wrote"));
        forged.setHash(hasher.hash(forged));
        ChainVerifier verifier = new ChainVerifier(hasher, KeyRing.of(KEY.publicKey()), Map.of(), seals);

        assertThat(verifier.accept(forged)).hasValueSatisfying(b -> assertThat(b.check()).isEqualTo("signature"));
    }

    private static List<Receipt> sealed(LocalSeals seals, String chain, int length) {
        return SampleChains.chain(chain, length, seals);
    }
}
