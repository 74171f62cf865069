package dev.mcpgw.edge.mcp.transport;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Promise;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A legacy-era client session: bound to the agent that opened it, to the negotiated revision and
 * to the capabilities the client declared, with the requests it has in flight (so that the client's
 * notifications/cancelled can reach them), the gateway's own requests to the client that await
 * its answer, the resources it subscribed to (whose updates its standalone stream carries), and
 * the log level it asked for (the shared downstream sessions log everything; each client sees its own level),
 * and the tasks it was given (whose status notifications its standalone stream carries: no other session's).
 */
public final class McpSession {
    private final String id;
    private final String agentId;
    private final String protocolVersion;
    private final JsonObject clientCapabilities;
    private final Map<String, Cancellation> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Promise<JsonObject>> awaitingClient = new ConcurrentHashMap<>();
    private final AtomicLong asked = new AtomicLong();
    /** The resources the client subscribed to, each with what gives up the gateway's hold on it for this session. */
    private final Map<String, Runnable> subscribedResources = new ConcurrentHashMap<>();
    /** The tasks its calls became; an agent holds at most a hundred at a time, so the set stays small. */
    private final Set<String> tasks = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final AtomicBoolean standaloneStream = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongSupplier nanoClock;
    private volatile long lastActiveNanos;
    private volatile String logLevel = LoggingLevels.SESSION_DEFAULT;

    /** {@code nanoClock} tells elapsed time, as {@link System#nanoTime} does, for the idle timeout. */
    McpSession(String id, String agentId, String protocolVersion, JsonObject clientCapabilities, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastActiveNanos = nanoClock.getAsLong();
        this.id = id;
        this.agentId = agentId;
        this.protocolVersion = protocolVersion;
        this.clientCapabilities = clientCapabilities == null ? new JsonObject() : clientCapabilities.copy();
    }

    public JsonObject clientCapabilities() {
        return clientCapabilities;
    }

    /**
     * The client subscribed to a resource's updates (resources/subscribe succeeded): {@code release}
     * gives up the gateway's hold on them for this session when it unsubscribes or ends. A session
     * holds each resource once, and a session already ended holds nothing.
     */
    void subscribed(String uri, Runnable release) {
        if (closed.get() || subscribedResources.putIfAbsent(uri, release) != null) {
            release.run();
        }
    }

    /** The client no longer wants the resource's updates. */
    void unsubscribed(String uri) {
        Runnable release = subscribedResources.remove(uri);
        if (release != null) {
            release.run();
        }
    }

    /** One of the session's calls became the task {@code taskId}. */
    void gave(String taskId) {
        tasks.add(taskId);
    }

    /**
     * Whether a change is this session's business: every list change, updates of the resources it
     * subscribed to, and the status of the tasks its own calls became.
     */
    boolean wants(JsonObject change) {
        String method = change.getString("method", "");
        if (method.endsWith("/list_changed")) {
            return true;
        }
        if (McpMethods.TASK_STATUS.equals(method)) {
            return change.getValue("params") instanceof JsonObject params && params.getValue("taskId") instanceof String taskId
                    && tasks.contains(taskId);
        }
        return "notifications/resources/updated".equals(method) && change.getValue("params") instanceof JsonObject params
                && subscribedResources.containsKey(params.getString("uri"));
    }

    /** The client's logging/setLevel succeeded: from now on its calls carry log messages of this level and above. */
    void logLevel(String level) {
        logLevel = level;
    }

    /** The level from which the session's calls carry log messages. */
    String logLevel() {
        return logLevel;
    }

    /** Whether a notification about one of the session's requests goes to the client: anything but a log message below its level. */
    boolean carries(JsonObject notification) {
        if (!McpMethods.LOG_MESSAGE.equals(notification.getValue("method"))) {
            return true;
        }
        return notification.getValue("params") instanceof JsonObject params && params.getValue("level") instanceof String level
                && LoggingLevels.reaches(level, logLevel);
    }

    /** True when no other standalone stream of the session is open: the session era sends each message on one stream only. */
    boolean claimStandaloneStream() {
        return standaloneStream.compareAndSet(false, true);
    }

    /** The standalone stream ended: the client may open another. */
    void standaloneStreamEnded() {
        standaloneStream.set(false);
        touch();
    }

    /** The client used the session. */
    void touch() {
        lastActiveNanos = nanoClock.getAsLong();
    }

    /** Unused for longer than {@code idle}: no request in flight, no open stream, and nothing sent or answered since. */
    boolean idleLongerThan(Duration idle) {
        return !isBusy() && nanoClock.getAsLong() - lastActiveNanos > idle.toNanos();
    }

    /** A request in flight or the standalone stream open: the client is using the session right now. */
    boolean isBusy() {
        return !inFlight.isEmpty() || standaloneStream.get();
    }

    long lastActiveNanos() {
        return lastActiveNanos;
    }

    /** What to do when the session ends (close its standalone stream). */
    void onClose(Runnable action) {
        onClose.add(action);
    }

    /** The session ended: its streams close and the resources it subscribed to are given up. */
    void closed() {
        closed.set(true);
        onClose.forEach(Runnable::run);
        onClose.clear();
        List.copyOf(subscribedResources.keySet()).forEach(this::unsubscribed);
    }

    /** A request of the gateway's to the client: its id, and the answer to come through {@link #answered}. */
    String await(Promise<JsonObject> answer) {
        String requestId = "mcpgw-" + asked.incrementAndGet();
        awaitingClient.put(requestId, answer);
        answer.future().onComplete(r -> awaitingClient.remove(requestId));
        return requestId;
    }

    /**
     * The client's response to a request of the gateway's; an unknown id is ignored. A response
     * with neither a result object nor an error object fails the request: relayed as an empty
     * success, it would tell a tool server the user answered nothing, or that there are no roots.
     */
    void answered(JsonObject response) {
        Promise<JsonObject> answer = awaitingClient.remove(String.valueOf(response.getValue("id")));
        if (answer == null) {
            return;
        }
        if (response.getValue("error") instanceof JsonObject error) {
            answer.tryFail(RpcException.fromErrorObject(error));
        } else if (response.getValue("error") == null && response.getValue("result") instanceof JsonObject result) {
            answer.tryComplete(result);
        } else {
            answer.tryFail(new RpcException(ErrorCodes.INTERNAL_ERROR, "The client answered with neither a result object nor an error object"));
        }
    }

    public String id() {
        return id;
    }

    public String agentId() {
        return agentId;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /**
     * A request starts: its cancellation is found by its JSON-RPC id until {@link #finished}. Empty
     * when a request with that id is still in flight: ids are unique within a session, and a reused
     * one would make its cancellation ambiguous and the session look idle when the first ends.
     */
    Optional<Cancellation> started(Object requestId) {
        Cancellation cancellation = new Cancellation();
        return inFlight.putIfAbsent(key(requestId), cancellation) == null ? Optional.of(cancellation) : Optional.empty();
    }

    /** The request that {@link #started} gave this cancellation ended. */
    void finished(Object requestId, Cancellation cancellation) {
        inFlight.remove(key(requestId), cancellation);
        touch();
    }

    /** The client's notifications/cancelled: an unknown or finished request is ignored, as the spec asks. */
    void cancel(Object requestId, String reason) {
        Cancellation cancellation = inFlight.remove(key(requestId));
        if (cancellation != null) {
            cancellation.cancel(reason);
        }
    }

    /** Ids compare as JSON values, so 7 and "7" are different requests. */
    private static String key(Object requestId) {
        return Json.encode(requestId);
    }
}
