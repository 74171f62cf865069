package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tool server whose client is started again whenever its channel is lost (a stdio server whose process
 * exited) or it stops answering (a call went unanswered, and then a ping too: a slow tool alone
 * is not a stuck server; an HTTP server refusing connections fails both at once). For stdio that
 * starts the process again; for HTTP it opens a new session once the server answers. Calls in
 * flight fail at once with the reason; a new one made while the server is down waits for it, at
 * most {@code restartWait}, then fails with a clear error, or, without a restartWait, fails at once naming why. Restarts back off
 * from {@code firstBackoff}, doubling up to {@code maxBackoff}, and the backoff resets once a
 * start succeeds; a restart not done within {@code startWithin} is given up and tried again. After each start {@code afterStart} runs (the edge sets the log level and
 * re-lists the server's catalog, which may have changed). Event loop only.
 */
public final class RestartingDownstream implements DownstreamClient {
    private static final Logger LOG = LoggerFactory.getLogger(RestartingDownstream.class);

    /**
     * How long to wait before restarting a lost server, how long a call waits for one (null: not at
     * all), and how long one restart may take, {@code afterStart} included, before it is given up and tried again.
     */
    public record Backoff(Duration first, Duration max, Duration restartWait, Duration startWithin) {
        /** Room for a handshake, a listen stream and every list, each within its own request timeout. */
        public static final Duration START_WITHIN = Duration.ofMinutes(5);
        public static final Backoff DEFAULTS = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));
        /** A server the gateway cannot start itself (HTTP) may stay away for long: calls are not held for it. */
        public static final Backoff NOT_HOLDING_CALLS = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), null);

        public Backoff(Duration first, Duration max, Duration restartWait) {
            this(first, max, restartWait, START_WITHIN);
        }
    }

    private final String name;
    private final Supplier<DownstreamClient> fresh;
    private final Function<DownstreamClient, Future<Void>> afterStart;
    private final Context context;
    private final Backoff backoff;
    private final Runnable restarted;
    private DownstreamClient current;
    private Consumer<JsonObject> notifications = n -> { };
    private Consumer<String> disconnected = reason -> { };
    /** Replaced on the event loop, read by /metrics on a worker thread too. */
    private volatile Promise<Void> up = Promise.promise();
    private String downReason = "not started yet";
    private Duration nextDelay;
    private boolean closing;
    private boolean probing;

    /** {@code restarted} is told of each restart that succeeded. */
    public RestartingDownstream(String name, Supplier<DownstreamClient> fresh, Function<DownstreamClient, Future<Void>> afterStart,
                                Context context, Backoff backoff, Runnable restarted) {
        this.name = name;
        this.fresh = fresh;
        this.afterStart = afterStart;
        this.context = context;
        this.backoff = backoff;
        this.restarted = restarted;
        this.nextDelay = backoff.first();
    }

    @Override
    public String name() {
        return name;
    }

    /** The first start: its failure is the caller's, as for any client; later losses are handled here. */
    @Override
    public Future<JsonObject> start() {
        current = connected(fresh.get());
        return current.start().compose(init -> afterStart.apply(current).map(init)).onSuccess(init -> up.tryComplete());
    }

    /** Whether the server is up: started, and not lost since. */
    public boolean isUp() {
        return up.future().succeeded();
    }

    private DownstreamClient connected(DownstreamClient client) {
        client.onNotification(n -> notifications.accept(n));
        client.onDisconnected(this::lost);
        return client;
    }

    private void lost(String reason) {
        if (closing) {
            return;
        }
        LOG.warn("tool server {} lost ({}); restarting in {} ms", name, reason, nextDelay.toMillis());
        up.tryFail(reason);
        up = Promise.promise();
        downReason = reason;
        disconnected.accept(reason);
        scheduleRestart();
    }

    private void scheduleRestart() {
        long delay = nextDelay.toMillis();
        nextDelay = nextDelay.multipliedBy(2).compareTo(backoff.max()) > 0 ? backoff.max() : nextDelay.multipliedBy(2);
        context.owner().setTimer(delay, t -> restart());
    }

    private void restart() {
        if (closing) {
            return;
        }
        DownstreamClient previous = current;
        current = connected(fresh.get());
        previous.close();
        DownstreamClient starting = current;
        attempt(starting).onComplete(started -> {
            if (closing || starting != current) {
                return;
            }
            if (started.succeeded()) {
                LOG.info("tool server {} restarted", name);
                nextDelay = backoff.first();
                up.tryComplete();
                restarted.run();
            } else {
                LOG.warn("tool server {} did not start again ({}); next try in {} ms", name, started.cause().getMessage(), nextDelay.toMillis());
                starting.close();
                scheduleRestart();
            }
        });
    }

    /**
     * The start of a client and what follows it, failed if not done within {@code startWithin}: a
     * step that never ends (an answer, a stream, a list) must not leave the server down for good, untried and unlogged.
     */
    private Future<Void> attempt(DownstreamClient starting) {
        Promise<Void> attempt = Promise.promise();
        long limit = backoff.startWithin().toMillis();
        long deadline = context.owner().setTimer(limit, t -> attempt.tryFail("not started within " + limit + " ms"));
        starting.start().compose(init -> afterStart.apply(starting)).onComplete(started -> {
            context.owner().cancelTimer(deadline);
            if (started.succeeded()) {
                attempt.tryComplete();
            } else {
                attempt.tryFail(started.cause());
            }
        });
        return attempt.future();
    }

    @Override
    public Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation,
                                      ClientRequests asker) {
        if (isUp()) {
            DownstreamClient serving = current;
            return serving.request(method, params, related, cancellation, asker).onFailure(failure -> probeAfter(failure, serving));
        }
        if (backoff.restartWait() == null) {
            return Future.failedFuture(new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + name + " unavailable: " + downReason));
        }
        Promise<JsonObject> answer = Promise.promise();
        long timer = context.owner().setTimer(backoff.restartWait().toMillis(), t -> answer.tryFail(new RpcException(
                ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + name + " unavailable: restarting, not back within "
                + backoff.restartWait().toMillis() + " ms")));
        cancellation.onCancel(reason -> {
            context.owner().cancelTimer(timer);
            answer.tryFail(new RpcException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: " + reason));
        });
        up.future().onSuccess(v -> {
            if (context.owner().cancelTimer(timer) && !cancellation.isCancelled()) {
                current.request(method, params, related, cancellation, asker).onComplete(answer);
            }
        });
        return answer.future();
    }

    /**
     * A call went unanswered (or its channel failed): a ping tells a stuck server from a slow tool.
     * Any answer to it counts, an error too: a 2026-07-28 server may refuse ping as a removed method.
     */
    private void probeAfter(Throwable failure, DownstreamClient serving) {
        if (!isUnanswered(failure) || probing || serving != current || !isUp()) {
            return;
        }
        probing = true;
        serving.request(McpMethods.PING, new JsonObject()).onComplete(answer -> {
            probing = false;
            if (answer.failed() && isUnanswered(answer.cause()) && serving == current && isUp()) {
                // Down first: the calls that closing fails then find the server lost, and do not report it lost again.
                lost("stopped answering: a call and then a ping went unanswered (" + answer.cause().getMessage() + ")");
                serving.close();
            }
        });
    }

    /** No answer came (a timeout, a lost channel), as opposed to an error the server answered with. */
    private static boolean isUnanswered(Throwable failure) {
        return failure instanceof RpcException e && e.code() == ErrorCodes.DOWNSTREAM_UNAVAILABLE;
    }

    @Override
    public Future<Void> setLogLevel(String level) {
        return isUp() ? current.setLogLevel(level)
                : Future.failedFuture(new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + name + " unavailable: " + downReason));
    }

    /** Only while the server is up: the edge subscribes a server that started again to what its clients still need. */
    @Override
    public Future<Void> subscribeResource(String uri) {
        return isUp() ? current.subscribeResource(uri)
                : Future.failedFuture(new RpcException(ErrorCodes.DOWNSTREAM_UNAVAILABLE, "tool server " + name + " unavailable: " + downReason));
    }

    @Override
    public void unsubscribeResource(String uri) {
        if (isUp()) {
            current.unsubscribeResource(uri);
        }
    }

    @Override
    public String protocolVersion() {
        return current.protocolVersion();
    }

    @Override
    public Era era() {
        return current.era();
    }

    @Override
    public void notify(String method, JsonObject params) {
        if (isUp()) {
            current.notify(method, params);
        }
    }

    @Override
    public void onNotification(Consumer<JsonObject> handler) {
        this.notifications = handler;
    }

    @Override
    public void onDisconnected(Consumer<String> handler) {
        this.disconnected = handler;
    }

    @Override
    public JsonObject initializeResult() {
        return current == null ? null : current.initializeResult();
    }

    @Override
    public Future<Void> close() {
        closing = true;
        up.tryFail("gateway shutting down");
        return current == null ? Future.succeededFuture() : current.close();
    }
}
