package dev.mcpgw.edge.mcp;

import dev.mcpgw.policy.scan.Redaction;

/**
 * An error's text as the gateway records it (an outcome, a span's status): words a tool server or a
 * client chose, so credentials in them are redacted, and cut to {@value #MAX_CHARS} characters.
 */
public final class ErrorText {
    public static final int MAX_CHARS = 500;
    /** Read for credentials before the cut: room for one that starts before it and runs on (a PEM private key). */
    private static final int SCANNED_CHARS = MAX_CHARS + 8192;

    private ErrorText() {
    }

    /** {@code text} redacted and cut; null for null. The cut comes last, so that no part of a credential is left unrecognised. */
    public static String recorded(String text) {
        if (text == null) {
            return null;
        }
        String redacted = Redaction.credentialsIn(text.length() <= SCANNED_CHARS ? text : text.substring(0, SCANNED_CHARS));
        return redacted.length() <= MAX_CHARS ? redacted : redacted.substring(0, MAX_CHARS) + "…";
    }
}
