package dev.mcpgw.launcher;

import java.io.IOException;

/**
 * What keeps the gateway from starting, said for its operator in a line or two: the file, line and
 * field where there is one, and what to do. Printed without a stack trace.
 */
public final class ConfigException extends IOException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
