package dev.mcpgw.launcher;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Whether a port another process holds keeps something from starting. */
final class PortInUse {
    private PortInUse() {
    }

    /** Whether a failure to start comes down to a port in use. */
    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code port} on {@code host} cannot be bound now. */
    static boolean at(String host, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
