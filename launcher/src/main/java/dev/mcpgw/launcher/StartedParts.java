package dev.mcpgw.launcher;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process started, closed last first on the way out (a part may use those started before
 * it); one that fails to close is logged and the rest still close.
 */
public final class StartedParts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StartedParts.class);
    private final List<AutoCloseable> parts = new ArrayList<>();

    public synchronized <T extends AutoCloseable> T add(T part) {
        parts.add(part);
        return part;
    }

    @Override
    public synchronized void close() {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("error while stopping {}", parts.get(i), e);
            }
        }
        parts.clear();
    }
}
