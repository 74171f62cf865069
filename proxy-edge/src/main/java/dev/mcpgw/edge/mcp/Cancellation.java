package dev.mcpgw.edge.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The client's cancellation of one request. Whatever works on the request registers what to undo
 * (withdraw a pending decision, cancel the downstream call); a handler registered after the
 * cancellation runs at once. Used on the event loop only.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/utilities/cancellation">Cancellation</a>
 */
public final class Cancellation {
    private final List<Consumer<String>> handlers = new ArrayList<>();
    private String reason;

    public void onCancel(Consumer<String> handler) {
        if (reason != null) {
            handler.accept(reason);
        } else {
            handlers.add(handler);
        }
    }

    /** Runs every registered handler once; later calls do nothing. */
    public void cancel(String why) {
        if (reason != null) {
            return;
        }
        reason = why == null || why.isBlank() ? "cancelled by the client" : why;
        List<Consumer<String>> toRun = List.copyOf(handlers);
        handlers.clear();
        toRun.forEach(h -> h.accept(reason));
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** The error a cancelled request ends with, if anything still waits for an answer. */
    public RpcException error() {
        return new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: " + reason);
    }
}
