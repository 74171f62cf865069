package dev.mcpgw.policy.testing;

/** A test case or an intent that cannot be run as written, with where and why. */
public final class CaseException extends Exception {

    public CaseException(String message) {
        super(message);
    }
}
