package dev.mcpgw.review;

/** A verdict the review service will not send, with the HTTP status that says why and a message for the approver. */
public final class VerdictRefused extends Exception {
    private final int status;

    public VerdictRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
