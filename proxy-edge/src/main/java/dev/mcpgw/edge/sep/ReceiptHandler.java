package dev.mcpgw.edge.sep;

import dev.mcpgw.chain.ReceiptJson;
import dev.mcpgw.edge.mcp.method.McpCall;
import dev.mcpgw.edge.mcp.method.MethodHandler;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKey;
import dev.mcpgw.schemas.ReceiptKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * authorization/receipt: the signed receipts of an intent the caller proposed (its decision, a
 * review's steps, and the decision and outcome of each call that presented its authorization),
 * each with its place in its chain, hash, signature and key id, and the full receipt as the hash
 * covers it; with them the public keys and the rules to verify them offline. Each receipt also
 * carries the draft's receipt fields (id, envelopeId, timestamp, decision, status, receiptHash,
 * prevReceiptHash). An intent of another agent is answered exactly as an unknown one.
 */
public final class ReceiptHandler implements MethodHandler {
    private static final Set<String> NOTHING_OMITTED = Set.of();

    private final ProposedIntents proposed;
    private final ReceiptLookup lookup;
    private final Vertx vertx;

    public ReceiptHandler(ProposedIntents proposed, ReceiptLookup lookup, Vertx vertx) {
        this.proposed = proposed;
        this.lookup = lookup;
        this.vertx = vertx;
    }

    @Override
    public Future<JsonObject> handle(McpCall call) {
        String id = IntentIds.of(call.paramsOrEmpty());
        ProposedIntents.Proposed intent = proposed.find(call.agent().id(), id).orElseThrow(() -> IntentIds.unknown(id));
        return vertx.executeBlocking(() -> {
            ReceiptLookup.Found found = lookup.of(id, intent.intent().getEventTime());
            return answer(intent, found, lookup.keysOf(found.receipts()));
        }, false);
    }

    private static JsonObject answer(ProposedIntents.Proposed intent, ReceiptLookup.Found found, List<ReceiptKey> keys) {
        JsonArray receipts = new JsonArray();
        found.receipts().forEach(r -> receipts.add(receipt(r, intent)));
        JsonArray published = new JsonArray();
        keys.forEach(k -> published.add(new JsonObject().put("keyId", k.getKeyId()).put("algorithm", k.getAlgorithm())
                .put("publicKey", k.getPublicKey()).put("publishedAt", Instant.ofEpochMilli(k.getPublishedAt()).toString())));
        return new JsonObject()
                .put("intentId", intent.intent().getIntentId())
                .put("receipts", receipts)
                .put("complete", found.complete())
                .put("verification", new JsonObject()
                        .put("keys", published)
                        .put("keysTopic", "gateway.receipt-keys")
                        .put("receiptHash", "lower-case hex SHA-256 of \"mcpgw-receipt-v1\\n\" followed by the RFC 8785 canonical JSON of"
                                + " receipt without its hash and signature fields")
                        .put("signature", "base64 Ed25519 signature, by the key keyId names, over \"mcpgw-receipt-sig-v1\\n\" followed by receiptHash")
                        .put("chain", "prevReceiptHash is the receiptHash of the receipt before it in the same chain, 64 zeros for the first")
                        .put("tool", "gateway audit verify; or dev.mcpgw.chain.ChainVerifier from (chain, sequence, prevReceiptHash)"));
    }

    private static JsonObject receipt(Receipt receipt, ProposedIntents.Proposed intent) {
        JsonObject entry = new JsonObject()
                .put("id", receipt.getChain() + "/" + receipt.getSequence())
                .put("receiptId", intent.intent().getIntentId());
        if (intent.envelopeId() != null) {
            entry.put("envelopeId", intent.envelopeId());
        }
        return entry
                .put("intentId", receipt.getIntent().getIntentId())
                .put("kind", receipt.getKind().name().toLowerCase())
                .put("timestamp", Instant.ofEpochMilli(receipt.getTime()).toString())
                .put("status", status(receipt))
                .put("decision", SepAnswers.decision(receipt.getEffect(), receipt.getMatchedRules(), receipt.getReasons(),
                        receipt.getPolicyVersion(), receipt.getTime()))
                .put("chain", receipt.getChain())
                .put("sequence", receipt.getSequence())
                .put("receiptHash", receipt.getHash())
                .put("prevReceiptHash", receipt.getPreviousHash())
                .put("keyId", receipt.getKeyId())
                .put("signature", receipt.getSignature())
                .put("receipt", new JsonObject(ReceiptJson.of(receipt, NOTHING_OMITTED).toString()));
    }

    /** The draft's status: what had become of the action when this receipt was made. */
    private static String status(Receipt receipt) {
        if (receipt.getKind() == ReceiptKind.OUTCOME) {
            return switch (receipt.getOutcome().getStatus()) {
                case EXECUTED -> "executed";
                case FAILED -> "failed";
                case CANCELLED -> "cancelled";
                case INPUT_REQUIRED -> "pending";
            };
        }
        return receipt.getEffect() == Effect.DENY ? "skipped" : "pending";
    }
}
