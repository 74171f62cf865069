package dev.mcpgw.edge.mrtr;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.ResultTypes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Function;

/**
 * Bridges a session-era server's requests to a 2026-07-28 client, which cannot be asked during a
 * call: the downstream call is held open, each request the server sends becomes an input-required
 * result for the client (its state naming the held call), and the client's retry answers the
 * waiting server request, after which the held call goes on to its result or its next question.
 * A server request for a capability the client did not declare fails the call at once with
 * MissingRequiredClientCapability (-32021), as a 2026-07-28 server's would, and gives up the
 * server's call. A held call lives on the edge instance that holds the server's session, for at most
 * {@code timeout}; then the server's waiting request gets an error and the call is cancelled.
 * Event loop only.
 */
public final class HeldCalls {
    /** Marks a state that names a held call rather than a server's own state. */
    static final String STATE_PREFIX = "mcpgw-held:";

    private final Vertx vertx;
    private final Duration timeout;
    private final Map<String, Held> held = new HashMap<>();

    public HeldCalls(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    /** The held call a relayed state names, if it names one. */
    public static Optional<String> heldCallOf(String requestState) {
        return requestState != null && requestState.startsWith(STATE_PREFIX)
                ? Optional.of(requestState.substring(STATE_PREFIX.length())) : Optional.empty();
    }

    /**
     * Starts {@code call} with an asker that holds the server's requests; the future is the call's
     * first event: its result, or an input-required result for the client.
     */
    public Future<JsonObject> start(JsonObject clientCapabilities, Function<ClientRequests, Future<JsonObject>> call, Cancellation cancellation) {
        Held call1 = new Held(UUID.randomUUID().toString(), clientCapabilities, cancellation);
        held.put(call1.id, call1);
        call1.expiry = vertx.setTimer(timeout.toMillis(), t -> call1.abandon("the client did not answer within " + timeout.toSeconds() + " s"));
        call.apply(call1).onComplete(done -> {
            held.remove(call1.id);
            vertx.cancelTimer(call1.expiry);
            call1.emit(done.succeeded() ? Future.succeededFuture(done.result()) : Future.failedFuture(done.cause()));
        });
        return call1.next();
    }

    /** Answers the held call's waiting requests with the client's {@code inputResponses}; the future is its next event. */
    public Future<JsonObject> resume(String id, JsonObject inputResponses, Cancellation cancellation) {
        Held call = held.get(id);
        if (call == null) {
            return Future.failedFuture(new RpcException(ErrorCodes.INVALID_PARAMS, "Invalid params: the call this retry answers is "
                    + "no longer held (it ended, timed out, or is held by another gateway instance)"));
        }
        cancellation.onCancel(reason -> call.abandon(reason));
        call.answer(inputResponses == null ? new JsonObject() : inputResponses);
        return call.next();
    }

    /** Gives up a held call (its retry was refused): the server's waiting requests get an error and the call is cancelled. */
    public void abandon(String id, String why) {
        Held call = held.get(id);
        if (call != null) {
            call.abandon(why);
        }
    }

    public int size() {
        return held.size();
    }

    private final class Held implements ClientRequests {
        private final String id;
        private final JsonObject capabilities;
        private final Cancellation cancellation;
        private final Map<String, Promise<JsonObject>> waiting = new LinkedHashMap<>();
        private final Queue<Future<JsonObject>> events = new ArrayDeque<>();
        private Promise<JsonObject> listener;
        private long expiry;
        private int asked;

        Held(String id, JsonObject capabilities, Cancellation cancellation) {
            this.id = id;
            this.capabilities = capabilities;
            this.cancellation = cancellation;
        }

        @Override
        public JsonObject capabilities() {
            return capabilities;
        }

        /** A server request: held until the client's retry answers it, and meanwhile the client's next event. */
        @Override
        public Future<JsonObject> send(String method, JsonObject params) {
            Optional<RpcException> refusal = refusal(method);
            if (refusal.isPresent()) {
                // As a 2026-07-28 server would, the call fails at once when the client did not declare what it needs.
                if (refusal.get().code() == ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY) {
                    emit(Future.failedFuture(refusal.get()));
                    abandon(refusal.get().getMessage());
                }
                return Future.failedFuture(refusal.get());
            }
            String key = "input-" + (++asked);
            Promise<JsonObject> answer = Promise.promise();
            waiting.put(key, answer);
            JsonObject request = new JsonObject().put("method", method);
            if (params != null) {
                request.put("params", params);
            }
            emit(Future.succeededFuture(new JsonObject().put("resultType", ResultTypes.INPUT_REQUIRED)
                    .put("inputRequests", new JsonObject().put(key, request))
                    .put("requestState", STATE_PREFIX + id)));
            return answer.future();
        }

        void answer(JsonObject inputResponses) {
            Map.copyOf(waiting).forEach((key, answer) -> {
                if (inputResponses.getValue(key) instanceof JsonObject response) {
                    waiting.remove(key);
                    answer.tryComplete(response);
                }
            });
        }

        Future<JsonObject> next() {
            if (!events.isEmpty()) {
                return events.poll();
            }
            listener = Promise.promise();
            return listener.future();
        }

        void emit(Future<JsonObject> event) {
            if (listener != null && !listener.future().isComplete()) {
                listener.handle(event);
            } else {
                events.add(event);
            }
        }

        void abandon(String why) {
            held.remove(id);
            vertx.cancelTimer(expiry);
            // The call is cancelled before its waiting requests fail, so whoever sees them fail finds it cancelled.
            cancellation.cancel(why);
            RpcException gone = new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: " + why);
            waiting.values().forEach(answer -> answer.tryFail(gone));
            waiting.clear();
        }
    }
}
