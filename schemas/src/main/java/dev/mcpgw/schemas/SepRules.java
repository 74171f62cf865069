package dev.mcpgw.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the decision stream and the edge agree on for the SEP messages: the rule ids a decision the
 * stream makes without the policy carries (a redeemed or refused single-use authorization, a
 * propose naming another principal), the intent context key the envelope's claimed principal
 * travels under, and how an authorization binds arguments.
 */
public final class SepRules {
    /** The call matched its authorization exactly, in time, and was the first to use it. */
    public static final String REDEEMED = "sep:authorization-redeemed";
    /** No authorization of this agent has that id (or it was forgotten long after it expired). */
    public static final String UNKNOWN = "sep:authorization-unknown";
    /** The authorization was already used by another call. */
    public static final String USED = "sep:authorization-used";
    /** The call came after the authorization's expiry. */
    public static final String EXPIRED = "sep:authorization-expired";
    /** The call is not the intent the authorization was given for (other server, tool or arguments). */
    public static final String MISMATCH = "sep:authorization-mismatch";
    /** The propose's envelope named a principal other than the authenticated agent. */
    public static final String PRINCIPAL_MISMATCH = "sep:principal-mismatch";
    /** Intent context key: the principal id the envelope claimed (never trusted, only compared). */
    public static final String CLAIMED_PRINCIPAL = "envelope.principal.id";

    private SepRules() {
    }

    /** Hex SHA-256 of the RFC 8785 canonical arguments, as UTF-8: what an authorization binds. */
    public static String argumentsDigest(String canonicalArgumentsJson) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalArgumentsJson.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
