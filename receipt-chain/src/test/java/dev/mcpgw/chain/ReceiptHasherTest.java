package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.CallOutcome;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.IntentMode;
import dev.mcpgw.schemas.OutcomeStatus;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewTrail;
import dev.mcpgw.schemas.ReviewVote;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * A receipt's hash must never change: receipts already on topics and in archives were hashed by
 * the first implementation (the JSON form written as text, then canonicalized by RFC 8785), so the
 * hasher must agree with it on every receipt, however odd its strings and numbers. The pinned
 * values are those of the current schema: a field added to it is covered by the hash, so they
 * change with it (intents gained kind, outcomes serverRequests).
 */
class ReceiptHasherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReceiptHasher hasher = new ReceiptHasher();

    @Test
    void shouldKeepTheHashesReceiptsWereGivenBefore() {
        assertThat(hasher.hash(SampleChains.unlinked(7))).isEqualTo("15c3e0bc24bf3caf5a22a700849a6db9a972fe1638aeaacc35a203388d5f5210");
        assertThat(hasher.hash(oddOutcome())).isEqualTo("6bad608dd1297842445d65d9f1ef7ee371b0da92263c723c2bbdc940b9cef677");
    }

    @Test
    void shouldAgreeWithTheCanonicalizationOfTheJsonTextOnRandomReceipts() throws Exception {
        Random random = new Random(8785);
        for (int i = 0; i < 2000; i++) {
            Receipt receipt = randomReceipt(random);

            assertThat(hasher.hash(receipt)).as("receipt %d: %s", i, receipt).isEqualTo(referenceHash(receipt));
        }
    }

    @Test
    void shouldLeaveAnUnsetReviewTrailOutOfTheHashAndCoverASetOne() throws Exception {
        Receipt plain = SampleChains.unlinked(7);
        Receipt verdict = Receipt.newBuilder(plain).setKind(ReceiptKind.VERDICT)
                .setReview(ReviewTrail.newBuilder().setReviewReceipt(new ReceiptRef("propose-0", 3L, "ef".repeat(32)))
                        .setStatus(ReviewStatus.PENDING).setApplied(true)
                        .setVerdict(ReviewVote.newBuilder().setVerdictId("v-1").setApprover("alice").setApproved(true).setChannel("web")
                                .setTime(5L).build()).build())
                .build();

        assertThat(ReceiptJson.of(plain, Set.of()).has("review")).isFalse();
        assertThat(hasher.hash(verdict)).isNotEqualTo(hasher.hash(plain)).isEqualTo(referenceHash(verdict));
        Receipt otherApprover = Receipt.newBuilder(verdict).build();
        otherApprover.getReview().getVerdict().setApprover("bob");
        assertThat(hasher.hash(otherApprover)).isNotEqualTo(hasher.hash(verdict));
    }

    @Test
    void shouldGiveTheSameHashWhenUsedAgain() {
        Receipt first = oddOutcome();
        String hash = hasher.hash(first);
        hasher.hash(SampleChains.unlinked(1));

        assertThat(hasher.hash(first)).isEqualTo(hash);
    }

    /** The first implementation, kept as the reference: Jackson's text of the JSON form, canonicalized, hashed. */
    private static String referenceHash(Receipt receipt) throws Exception {
        String json = JSON.writeValueAsString(ReceiptJson.of(receipt, Set.of("hash", "signature")));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update("mcpgw-receipt-v1\n".getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha256.digest(new JsonCanonicalizer(json).getEncodedUTF8()));
    }

    /** Strings with escapes, controls, non-ASCII, emoji and a lone surrogate; longs past 2^53; map keys out of order. */
    private static Receipt oddOutcome() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("zeta", "\u0000\u001f\u007f\"\\/\b\f\n\r\t");
        attributes.put("Zeta", "caf\u00e9 \u20ac \ud83d\ude00 \ud800 \u2028");
        attributes.put("\u00e9t\u00e9", "");
        attributes.put("a\ud83d\ude00", "x");
        Intent intent = Intent.newBuilder()
                .setIntentId("intent-\u00fc").setEventTime(Long.MAX_VALUE)
                .setAgent(AgentIdentity.newBuilder().setId("agent \"q\"").setCredential("label").setGroups(List.of("b", "a", ""))
                        .setAttributes(attributes).build())
                .setServer("files").setTool("read_file").setArgumentsJson("{\"path\":\"/tmp/\\u00e9\"}")
                .setMode(IntentMode.values()[IntentMode.values().length - 1])
                .setProtocolVersion("2026-07-28").setTraceparent("00-abc-def-01").setTracestate(null)
                .setPreviousAttempt(new ReceiptRef("propose-1", 9_007_199_254_740_993L, "ab".repeat(32)))
                .setReplyTo(new ReplyAddress("edge-\u4e2d", Integer.MIN_VALUE)).setContext(Map.of())
                .build();
        return Receipt.newBuilder()
                .setChain("propose-3").setSequence(-9_007_199_254_740_993L).setPreviousHash("0".repeat(64)).setKeyId("0123456789abcdef")
                .setHash("ignored").setSignature("ignored")
                .setIntent(intent).setPolicyVersion("5c1e").setEffect(Effect.REVIEW)
                .setMatchedRules(List.of()).setReasons(List.of("r\u00e9ason", "line\nbreak"))
                .setTime(Long.MIN_VALUE).setKind(ReceiptKind.OUTCOME)
                .setOutcome(CallOutcome.newBuilder().setStatus(OutcomeStatus.INPUT_REQUIRED)
                        .setDecisionReceipt(new ReceiptRef("propose-3", 0L, "cd".repeat(32)))
                        .setFinishedAt(1L << 53).setDurationMs((1L << 53) + 1).setResultDigest(null).setError("boom \u0007").build())
                .build();
    }

    private static Receipt randomReceipt(Random random) {
        Receipt receipt = oddOutcome();
        Intent intent = receipt.getIntent();
        intent.setIntentId(randomString(random));
        intent.setArgumentsJson(randomString(random));
        intent.setEventTime(randomLong(random));
        intent.getReplyTo().setPartition(random.nextInt());
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int k = random.nextInt(4); k > 0; k--) {
            attributes.put(randomString(random), randomString(random));
        }
        intent.getAgent().setAttributes(attributes);
        List<String> reasons = new ArrayList<>();
        for (int k = random.nextInt(3); k > 0; k--) {
            reasons.add(randomString(random));
        }
        receipt.setReasons(reasons);
        receipt.setSequence(randomLong(random));
        receipt.setTime(randomLong(random));
        receipt.getOutcome().setDurationMs(randomLong(random));
        receipt.getOutcome().setError(random.nextBoolean() ? null : randomString(random));
        if (random.nextBoolean()) {
            receipt.setOutcome(null);
            receipt.setKind(ReceiptKind.DECISION);
        }
        return receipt;
    }

    /** Any char at all, weighted towards the ones canonicalization treats specially. */
    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        for (int k = random.nextInt(12); k > 0; k--) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> text.append((char) (0xd800 + random.nextInt(0x800)));
                case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000 - 0x10000));
                case 4 -> text.append((char) random.nextInt(0x10000));
                default -> text.append((char) (0x20 + random.nextInt(0x60)));
            }
        }
        return text.toString();
    }

    /** Small, near 2^53 (where JSON numbers stop being exact), and anywhere in the long range. */
    private static long randomLong(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(2_000_000) - 1_000_000;
            case 1 -> (random.nextBoolean() ? 1 : -1) * ((1L << 53) + random.nextInt(64) - 32);
            default -> random.nextLong();
        };
    }
}
