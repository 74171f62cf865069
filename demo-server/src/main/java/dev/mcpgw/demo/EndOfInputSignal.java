package dev.mcpgw.demo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes stdin through, and runs a callback once when it reaches its end (the client hung up). */
final class EndOfInputSignal extends FilterInputStream {
    private final Runnable onEnd;
    private boolean signalled;

    EndOfInputSignal(InputStream in, Runnable onEnd) {
        super(in);
        this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
        return signalIfEnd(super.read());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return signalIfEnd(super.read(b, off, len));
    }

    private int signalIfEnd(int result) {
        if (result < 0 && !signalled) {
            signalled = true;
            onEnd.run();
        }
        return result;
    }
}
