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

    /** The one-line error for a server that could not listen on the address config field {@code field} of {@code origin} gives. */
    static ConfigException listenAddress(String origin, String field, String[] hostAndPort, Throwable cause) {
        return new ConfigException(origin + ": " + field + ": " + hostAndPort[0] + ":" + hostAndPort[1]
                + " is in use: stop what holds the port, or set another listen address", cause);
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
