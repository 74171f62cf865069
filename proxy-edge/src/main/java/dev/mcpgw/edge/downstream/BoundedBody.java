package dev.mcpgw.edge.downstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Reads the body of a tool server's HTTP answer, at most {@code maxBytes} of it: a body whose
 * Content-Length says more is refused before any of it is read, and one that grows past the cap
 * as it comes is not read on. Either way the response's stream is closed (for HTTP/1.1, the
 * connection), so the server's further bytes are not even received, and the future fails with
 * {@link TooLarge}.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    /** A body over the cap; carries no stack trace, as it is an answer, not a bug. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    static Future<Buffer> read(HttpClientResponse response, int maxBytes) {
        Long declared = declaredLength(response);
        if (declared != null && declared > maxBytes) {
            // The reset is the intent, not a failure to report.
            response.exceptionHandler(e -> { });
            response.request().reset();
            return Future.failedFuture(new TooLarge("its Content-Length of " + declared + " bytes"));
        }
        Promise<Buffer> body = Promise.promise();
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (body.future().isComplete()) {
                return;
            }
            if ((long) received.length() + chunk.length() > maxBytes) {
                body.fail(new TooLarge("a body of more than " + maxBytes + " bytes"));
                response.request().reset();
            } else {
                received.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(v -> body.tryComplete(received));
        return body.future();
    }

    /** Content-Length as the server declared it; none when absent (a chunked body) or not a number. */
    private static Long declaredLength(HttpClientResponse response) {
        String length = response.getHeader("Content-Length");
        try {
            return length == null ? null : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
