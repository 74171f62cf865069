package dev.mcpgw.stream.topology;

/** Names of the topology's state stores, shared by the topology, its processors and tests. */
public final class StoreNames {
    /** Global table of gateway.policy: the active policy document, on every instance. */
    public static final String ACTIVE_POLICY = "active-policy";
    /** Per chain id, the reference of its last receipt (sequence and hash). */
    public static final String CHAIN_HEADS = "chain-heads";
    /** Per "chain/sequence", the decision receipts whose calls' outcomes may still come (see DecidedIntents). */
    public static final String DECIDED_INTENTS = "decided-intents";
    /** Per intent id, the human review of an intent this chain decided REVIEW, while it waits and a while after (see Reviews). */
    public static final String REVIEWS = "reviews";
    /** Per intent id of an allowed authorization/propose, its single-use authorization and whether it was used (see SingleUseAuthorizations). */
    public static final String AUTHORIZATIONS = "authorizations";
    /** Per rate limit counter (window end, rule, agent...), the calls counted so far. */
    public static final String RATE_COUNTS = "rate-counts";

    private StoreNames() {
    }
}
