package dev.mcpgw.edge;

import dev.mcpgw.edge.audit.MalformedRequests;
import dev.mcpgw.edge.audit.RefusalTrail;
import dev.mcpgw.edge.decision.Authorizer;
import dev.mcpgw.edge.decision.DecisionListener;
import dev.mcpgw.edge.decision.PendingDecisions;
import dev.mcpgw.edge.decision.TopicPublisher;
import dev.mcpgw.edge.discovery.ActivePolicy;
import dev.mcpgw.edge.discovery.ViewChanges;
import dev.mcpgw.edge.downstream.Catalog;
import dev.mcpgw.edge.downstream.Catalogs;
import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.downstream.EraProbe;
import dev.mcpgw.edge.downstream.ServerAnswers;
import dev.mcpgw.edge.downstream.ServerHalf;
import dev.mcpgw.edge.downstream.Forwarder;
import dev.mcpgw.edge.downstream.HttpDownstream;
import dev.mcpgw.edge.downstream.ProgressRelay;
import dev.mcpgw.edge.downstream.RestartingDownstream;
import dev.mcpgw.edge.downstream.ServerLogs;
import dev.mcpgw.edge.downstream.StdioDownstream;
import dev.mcpgw.edge.identity.ApiKeyAuthenticator;
import dev.mcpgw.edge.identity.AuthenticationRefusals;
import dev.mcpgw.edge.identity.CredentialLabels;
import dev.mcpgw.edge.identity.JwtAccessTokens;
import dev.mcpgw.edge.identity.ProtectedResource;
import dev.mcpgw.edge.limits.AgentQuotas;
import dev.mcpgw.edge.limits.CanonicalArguments;
import dev.mcpgw.edge.limits.MessageLimits;
import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.JsonRpc;
import dev.mcpgw.edge.mcp.LoggingLevels;
import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.method.CatalogListHandler;
import dev.mcpgw.edge.mcp.method.CompletionHandler;
import dev.mcpgw.edge.mcp.method.DiscoverHandler;
import dev.mcpgw.edge.mcp.method.EraBridge;
import dev.mcpgw.edge.mcp.method.GatewayCapabilities;
import dev.mcpgw.edge.mcp.method.InitializeHandler;
import dev.mcpgw.edge.mcp.method.LoggingLevelHandler;
import dev.mcpgw.edge.mcp.method.MethodDispatcher;
import dev.mcpgw.edge.mcp.method.PolicyGate;
import dev.mcpgw.edge.mcp.method.RoutedHandler;
import dev.mcpgw.edge.mcp.method.ToolsCallHandler;
import dev.mcpgw.edge.mcp.transport.AuthenticationHandler;
import dev.mcpgw.edge.mcp.transport.HttpReplies;
import dev.mcpgw.edge.mcp.transport.ListenStreams;
import dev.mcpgw.edge.mcp.transport.OriginHandler;
import dev.mcpgw.edge.mcp.transport.SessionRegistry;
import dev.mcpgw.edge.mcp.transport.StreamableHttpTransport;
import dev.mcpgw.edge.mrtr.HeldCalls;
import dev.mcpgw.edge.mrtr.MultiRoundTrip;
import dev.mcpgw.edge.mrtr.RequestStateSeal;
import dev.mcpgw.edge.outcome.OutcomeRecorder;
import dev.mcpgw.edge.pinning.PinCheck;
import dev.mcpgw.edge.sep.DecideHandler;
import dev.mcpgw.edge.sep.ProposeHandler;
import dev.mcpgw.edge.sep.ProposedIntents;
import dev.mcpgw.edge.sep.ReceiptHandler;
import dev.mcpgw.edge.sep.ReceiptLookup;
import dev.mcpgw.edge.sep.SepSettings;
import dev.mcpgw.edge.pinning.ToolGuard;
import dev.mcpgw.edge.pinning.ToolPins;
import dev.mcpgw.edge.subscription.ChangeFeed;
import dev.mcpgw.edge.subscription.ResourceSubscriptions;
import dev.mcpgw.edge.task.ReviewTasks;
import dev.mcpgw.edge.task.TaskLease;
import dev.mcpgw.edge.task.TaskLeases;
import dev.mcpgw.edge.task.TaskMethods;
import dev.mcpgw.edge.task.TaskRecord;
import dev.mcpgw.edge.task.TaskSeal;
import dev.mcpgw.edge.task.TaskStatus;
import dev.mcpgw.edge.task.TaskStore;
import dev.mcpgw.edge.task.TaskTakeover;
import dev.mcpgw.edge.task.TaskView;
import dev.mcpgw.edge.task.ToolTaskSupport;
import dev.mcpgw.edge.trace.EdgeTracing;
import dev.mcpgw.edge.trace.TracedCalls;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.VerdictPublisher;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.DecisionAuthenticator;
import dev.mcpgw.schemas.VerdictAuthenticator;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Outcome;
import dev.mcpgw.schemas.Refusal;
import dev.mcpgw.schemas.RefusalKind;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.schemas.RequestKind;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge: starts the downstream sessions and the Kafka clients, then serves MCP at {@code /mcp}
 * and health at {@code /healthz} (readiness, also {@code /healthz/ready}) and {@code /healthz/live}. Everything of one edge runs on this verticle's event loop.
 */
public final class EdgeVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeVerticle.class);
    public static final String MCP_PATH = "/mcp";
    private static final String RESOURCE_UPDATED = "notifications/resources/updated";
    private static final String LOGGING = "logging";
    private static final List<String> LIST_CHANGES = List.of("notifications/tools/list_changed", "notifications/prompts/list_changed",
            "notifications/resources/list_changed");
    /** No client waits for an outcome to be recorded, so the broker gets longer to take it than an intent. */
    private static final Duration OUTCOME_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /**
     * No call waits for its outcome or a refusal to be on Kafka: at 400 calls/s a 10 ms linger puts
     * five or six outcomes in a produce request instead of one each (docs/performance.md).
     */
    private static final Duration UNAWAITED_LINGER = Duration.ofMillis(10);
    /** How long authorization/receipt may read gateway.receipt for one intent's receipts. */
    private static final Duration RECEIPT_LOOKUP_TIMEOUT = Duration.ofSeconds(10);
    /** Refused credentials are logged once per source, reason and window, then as a count when the window closes. */
    private static final Duration REFUSAL_WINDOW = Duration.ofMinutes(1);
    /** How far an edge's clock (a task's creation time) may be ahead of the broker's (a decision's time). */
    private static final Duration EDGE_CLOCK_SKEW = Duration.ofMinutes(1);
    private static final Duration TASK_SWEEP = Duration.ofMinutes(1);

    private final EdgeSettings settings;
    private final DownstreamRouter router = new DownstreamRouter();
    private final SessionRegistry sessions;
    private final EdgeMetrics metrics = new EdgeMetrics();
    private final ProgressRelay progress = new ProgressRelay();
    private final ChangeFeed changes = new ChangeFeed();
    private final Map<String, BooleanSupplier> healthChecks = new ConcurrentHashMap<>();
    private ListenStreams listens;
    private ResourceSubscriptions subscriptions;
    private TopicPublisher<Intent> publisher;
    /** Null when this edge holds no verdict key. */
    private VerdictPublisher clientUserVerdicts;
    private TopicPublisher<Outcome> outcomePublisher;
    private TopicPublisher<Refusal> auditPublisher;
    private RefusalTrail trail;
    private DecisionListener listener;
    private DeadLetters deadLetters;
    private PendingDecisions pending;
    private ToolPins toolPins;
    private TaskStore tasks;
    private TaskTakeover takeover;
    /** The final decisions awaited for the tasks this instance owed when it started, by task id. */
    private final Map<String, Future<Decision>> owedTasks = new HashMap<>();
    private ActivePolicy policy;
    private HttpServer server;

    private final EdgeTracing tracing;

    /** An edge that traces nothing. */
    public EdgeVerticle(EdgeSettings settings) {
        this(settings, OpenTelemetry.noop());
    }

    /** An edge whose tool calls are traced with {@code telemetry} (see {@link TracedCalls}). */
    public EdgeVerticle(EdgeSettings settings, OpenTelemetry telemetry) {
        this.settings = settings;
        this.sessions = new SessionRegistry(settings.caps().sessionIdleTimeout(), System::nanoTime);
        this.tracing = new EdgeTracing(telemetry);
    }

    @Override
    public Future<?> start() {
        pending = new PendingDecisions(vertx, settings.decisionTimeout());
        metrics.gauge("mcpgw.pending.decisions", "Tool calls waiting for their decision", pending::size);
        metrics.gauge("mcpgw.sessions", "Open MCP sessions", sessions::size);
        vertx.setPeriodic(idleSweepMillis(settings.caps().sessionIdleTimeout()), t -> sessions.endIdle());
        return vertx.executeBlocking(this::connectKafka, false)
                .map(v -> catalogs())
                .compose(catalogs -> startDownstreams(catalogs).map(catalogs))
                // No clear-text upgrade to HTTP/2: Java clients ask for it by default, and the JDK's
                // HttpClient misreads a large tool result sent over the upgraded connection.
                .compose(catalogs -> vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                        .requestHandler(routes(catalogs)).listen(settings.port(), settings.host()))
                .onSuccess(s -> server = s)
                // A failed start gets no stop() from Vert.x: release what was already opened.
                .onFailure(e -> stop());
    }

    /** Often enough that a session outlives its idle timeout by a quarter of it at most, and never busier than 10 times a second. */
    private static long idleSweepMillis(Duration idleTimeout) {
        return Math.max(100, Math.min(idleTimeout.toMillis() / 4, 60_000));
    }

    private Void connectKafka() {
        publisher = new TopicPublisher<>(Topics.PROPOSE, settings.bootstrapServers(), settings.decisionTimeout(), context);
        if (settings.verdictKey() != null) {
            clientUserVerdicts = new VerdictPublisher(settings.bootstrapServers(), new VerdictAuthenticator(settings.verdictKey()));
        }
        outcomePublisher = new TopicPublisher<>(Topics.OUTCOME, settings.bootstrapServers(), OUTCOME_DELIVERY_TIMEOUT, UNAWAITED_LINGER, context);
        auditPublisher = new TopicPublisher<>(Topics.AUDIT, settings.bootstrapServers(), OUTCOME_DELIVERY_TIMEOUT, UNAWAITED_LINGER, context);
        trail = new RefusalTrail(settings.instanceId(), Clock.systemUTC(), this::recordRefusal);
        deadLetters = new DeadLetters(settings.bootstrapServers());
        metrics.gauge("mcpgw.dead.letters", "Records this edge gave up on (reported on gateway.dead-letter)", deadLetters::count);
        tasks = new TaskStore(settings.bootstrapServers(), new TaskSeal(settings.requestStateKey()), context, settings.decisionTimeout(), deadLetters);
        metrics.gauge("mcpgw.tasks", "Tasks this edge knows of (every instance's, until their TTL)", tasks::size);
        // Before any task this instance makes: others know it alive before they know its tasks.
        context.runOnContext(v -> renewLease());
        long now = System.currentTimeMillis();
        List<TaskRecord> owed = tasks.unfinishedOf(settings.decidePartition()).stream()
                .filter(t -> t.status() == TaskStatus.WORKING && !t.isExpired(now)).toList();
        // Parked before the listener hands on any decision: both reach the edge's context in order.
        context.runOnContext(v -> owed.forEach(t -> owedTasks.put(t.taskId(), pending.awaitReviewAgain(t.intentId()))));
        long owedSince = owed.stream().mapToLong(TaskRecord::createdAt).min().orElse(Long.MAX_VALUE);
        listener = new DecisionListener(settings.bootstrapServers(), settings.decidePartition(),
                owed.isEmpty() ? -1 : owedSince - EDGE_CLOCK_SKEW.toMillis(), pending::complete, context,
                new DecisionAuthenticator(settings.decisionKey()), deadLetters, metrics);
        toolPins = new ToolPins(settings.bootstrapServers(), context, settings.decisionTimeout(), deadLetters);
        policy = new ActivePolicy(settings.bootstrapServers(), context, deadLetters);
        return null;
    }

    private void renewLease() {
        tasks.renew(new TaskLease(settings.decidePartition(), settings.instanceId(), System.currentTimeMillis()))
                .onFailure(e -> LOG.warn("lease of decide partition {} not renewed: {}", settings.decidePartition(), e.getMessage()));
    }

    private void recordRefusal(Refusal refusal) {
        auditPublisher.publish(refusal.getSource(), refusal.getLastAt(), refusal)
                .onSuccess(v -> metrics.refusalRecorded(refusal.getKind().name()))
                .onFailure(e -> metrics.refusalUnrecorded());
    }

    /** The catalogs, tools judged against their pins (which every instance shares) and scanned before clients see them. */
    private Catalogs catalogs() {
        PinCheck pins = new PinCheck(toolPins, settings.instanceId(), Clock.systemUTC(), metrics::toolDefinitionChanged);
        Catalogs catalogs = new Catalogs(settings.servers(), new ToolGuard(pins, metrics::toolFlagged));
        toolPins.onChange(server -> rejudgeTools(catalogs, server));
        policy.onChange((before, after) -> {
            List<Catalog> listed = List.of(catalogs.tools(), catalogs.prompts(), catalogs.resources());
            for (int i = 0; i < listed.size(); i++) {
                changes.publish(JsonRpc.notification(LIST_CHANGES.get(i), null), ViewChanges.of(listed.get(i), before, after));
            }
        });
        subscriptions = new ResourceSubscriptions((uri, era) -> catalogs.resourceOwner(uri, era).map(owner -> router.reporting(owner.server(), era))
                .or(() -> router.firstWithCapability(Catalog.RESOURCES.capability(), era).map(first -> router.reporting(first.name(), era))),
                router::client);
        return catalogs;
    }

    /**
     * A pin of one of a half's tools changed elsewhere (an operator accepted a change, another
     * instance pinned a tool): its tools are listed and judged again, then clients told. A half
     * that is down is judged when it is back, as it is listed again then.
     */
    private void rejudgeTools(Catalogs catalogs, String pinSubject) {
        router.halves().stream().filter(half -> half.pinSubject().equals(pinSubject)).forEach(half -> {
            DownstreamClient client = router.client(half);
            if (client.initializeResult() != null) {
                catalogs.tools().refresh(client, half).onComplete(r -> changes.publish(JsonRpc.notification(LIST_CHANGES.get(0), null)));
            }
        });
    }

    /** Each server's connections, found (see EraProbe) for every server before any starts, so that the router keeps config order. */
    private Future<Void> startDownstreams(Catalogs catalogs) {
        List<Future<List<ServerHalf>>> probed = settings.servers().stream()
                .map(spec -> EraProbe.halves(spec, context, settings.downstreamTimeout())).toList();
        return Future.all(probed).compose(all -> {
            List<Future<JsonObject>> started = new ArrayList<>();
            for (int i = 0; i < probed.size(); i++) {
                List<ServerHalf> halves = all.resultAt(i);
                halves.forEach(half -> started.add(startHalf(half, catalogs)));
                String server = halves.get(0).server();
                metrics.toolServer(server, () -> isUp(server));
            }
            return Future.all(started).mapEmpty();
        });
    }

    private Future<JsonObject> startHalf(ServerHalf half, Catalogs catalogs) {
        RestartingDownstream client = restarting(half, catalogs);
        router.add(half, client);
        client.onNotification(sent -> {
            // Outside any call a server's notification is still its own word, not the gateway's.
            JsonObject n = ServerAnswers.notificationWithoutGatewayMeta(sent);
            var refreshed = catalogs.refreshOnListChanged(n, client, half);
            if (refreshed.isPresent()) {
                refreshed.get().onComplete(r -> changes.publish(JsonRpc.notification(n.getString("method"), null)));
            } else if (RESOURCE_UPDATED.equals(n.getString("method"))) {
                changes.publish(n);
            } else if (!progress.route(half.server(), n)) {
                ServerLogs.record(half.server(), n);
            }
        });
        return client.start();
    }

    /** A server is up when each of its connections is (a dual-era server's halves both). */
    private boolean isUp(String server) {
        return router.halves(server).stream().allMatch(half -> router.client(half) instanceof RestartingDownstream r && r.isUp());
    }

    /**
     * A stdio server is started again when its process exits or hangs, an HTTP server (or a half
     * of one) gets a new session when it answers again after it stopped: after each start its log
     * level is set, its lists are read again and it is subscribed to the resources clients still
     * need, and after a restart clients are told every list, and each of those resources, may have
     * changed. Calls wait for a stdio server the gateway is restarting, not for an HTTP server that may stay away.
     */
    private RestartingDownstream restarting(ServerHalf half, Catalogs catalogs) {
        DownstreamSpec spec = half.spec();
        Runnable tooLarge = () -> metrics.toolServerMessageTooLarge(spec.name());
        Supplier<DownstreamClient> fresh = spec.isStdio() ? () -> new StdioDownstream(spec, context, settings.downstreamTimeout(), tooLarge)
                : () -> new HttpDownstream(spec, context, settings.downstreamTimeout(), tooLarge);
        return new RestartingDownstream(spec.name(), fresh,
                started -> logEverything(started).compose(v -> catalogs.refresh(started, half)).onSuccess(v -> subscriptions.renew(half, started)),
                context, spec.isStdio() ? RestartingDownstream.Backoff.DEFAULTS : RestartingDownstream.Backoff.NOT_HOLDING_CALLS,
                () -> restarted(half));
    }

    private void restarted(ServerHalf half) {
        metrics.toolServerRestarted(half.server());
        LIST_CHANGES.forEach(method -> changes.publish(JsonRpc.notification(method, null)));
        subscriptions.held(half).forEach(uri -> changes.publish(JsonRpc.notification(RESOURCE_UPDATED, new JsonObject().put("uri", uri))));
    }

    /**
     * A session-era server's log level belongs to the session, which every client shares: so it
     * is set once to debug, and each client gets the messages of its own level (see McpSession).
     * A 2026-07-28 server takes the level with each request instead.
     */
    private static Future<Void> logEverything(DownstreamClient client) {
        if (!client.initializeResult().getJsonObject("capabilities", new JsonObject()).containsKey(LOGGING)) {
            return Future.succeededFuture();
        }
        // A server that refuses keeps its own level; its clients still get only their level's messages.
        return client.setLogLevel(LoggingLevels.MOST_VERBOSE).recover(e -> Future.succeededFuture());
    }

    private Router routes(Catalogs catalogs) {
        var authorizer = new Authorizer(publisher, pending, new ReplyAddress(settings.instanceId(), settings.decidePartition()), Clock.systemUTC(), metrics,
                new CanonicalArguments(settings.limits().maxArgumentsBytes()), trail, tracing);
        MethodDispatcher methods = methods(catalogs, authorizer);
        listens = new ListenStreams(vertx, changes, () -> GatewayCapabilities.ofStateless(router), uri -> subscriptions.hold(uri, Era.STATELESS),
                settings.caps().callsInFlight(), metrics::slowListenerCut);
        var transport = new StreamableHttpTransport(sessions, methods.only(McpMethods.SESSION_ERA), methods.only(McpMethods.STATELESS_ERA),
                methods.only(Set.of(McpMethods.RESOURCES_SUBSCRIBE)), listens, new MessageLimits(settings.limits()),
                new AgentQuotas(settings.caps()), settings.timeouts().listCacheTtl(),
                uri -> subscriptions.hold(uri, Era.SESSION));
        Router routes = Router.router(vertx);
        routes.get("/healthz").handler(this::health);
        routes.get("/healthz/ready").handler(this::health);
        // Alive while the event loop answers: a restart would not bring a lost Kafka or tool server back.
        routes.get("/healthz/live").handler(ctx -> HttpReplies.json(ctx, 200, new JsonObject().put("status", "UP")));
        // A scrape reads every meter (in `up` the decision stream's two thousand too, tens of ms):
        // on a worker thread, so calls do not wait behind it on the event loop.
        routes.get("/metrics").handler(ctx -> vertx.executeBlocking(metrics::scrape, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
                .onFailure(ctx::fail));
        // Origin and credential are checked from the headers before any of the body is read, so a
        // stranger cannot make the edge buffer a body. Vert.x Web puts a route's body handler before
        // its other handlers, hence two routes; both checks are synchronous, as reading the body later requires
        // (but for a token whose issuer's keys must be fetched first: the authentication handler pauses the request meanwhile).
        Optional<JwtAccessTokens> tokens = Optional.ofNullable(settings.oauth())
                .map(oauth -> new JwtAccessTokens(oauth, vertx.createHttpClient(), Clock.systemUTC()));
        tokens.ifPresent(JwtAccessTokens::prefetchKeys);
        tokens.ifPresent(t -> {
            ProtectedResource resource = new ProtectedResource(t.settings());
            for (String path : resource.paths(MCP_PATH)) {
                routes.get(path).handler(ctx -> HttpReplies.json(ctx, 200, resource.document()));
            }
        });
        AuthenticationRefusals refusals = new AuthenticationRefusals(metrics::authenticationRefused,
                (source, refusal) -> trail.refused(RefusalKind.AUTHENTICATION, source, refusal.reason(), null));
        vertx.setPeriodic(REFUSAL_WINDOW.toMillis(), t -> {
            refusals.closeWindow();
            trail.closeWindow();
        });
        routes.route(MCP_PATH)
                .handler(new MalformedRequests(trail))
                .handler(new OriginHandler(settings.allowedOrigins()))
                .handler(new AuthenticationHandler(new ApiKeyAuthenticator(settings.agents(), new CredentialLabels(settings.credentialLabelKey())),
                        tokens, refusals))
                .failureHandler(this::failure);
        routes.route(MCP_PATH).handler(BodyHandler.create(false).setBodyLimit(settings.limits().maxBodyBytes()));
        routes.post(MCP_PATH).handler(transport::handlePost);
        routes.get(MCP_PATH).handler(transport::handleGet);
        routes.delete(MCP_PATH).handler(transport::handleDelete);
        return routes;
    }

    private MethodDispatcher methods(Catalogs catalogs, Authorizer authorizer) {
        Forwarder forwarder = new Forwarder(progress, tracing, settings.servers());
        RoutedHandler.Send forwarding = RoutedHandler.Send.forwarding(forwarder);
        OutcomeRecorder outcomes = new OutcomeRecorder(outcomePublisher, Clock.systemUTC(), metrics, tracing);
        PolicyGate gate = new PolicyGate(authorizer, outcomes);
        int page = settings.toolsPageSize();
        ReviewTasks reviewTasks = new ReviewTasks(tasks, pending, catalogs.tools(), router, forwarder, outcomes, settings.decidePartition(),
                Clock.systemUTC());
        reviewTasks.resume(owedTasks);
        // Only the agent's sessions hear of its task, and of those only the one whose call it became (see McpSession).
        tasks.onStatusChange(task -> changes.publish(TaskView.statusNotification(task), agent -> agent.id().equals(task.agentId())));
        DecisionAuthenticator decisions = new DecisionAuthenticator(settings.decisionKey());
        takeover = new TaskTakeover(tasks, reviewTasks, settings.decidePartition(), (partition, from, decided) -> new DecisionListener(
                settings.bootstrapServers(), partition, from, decided, context, decisions, deadLetters, metrics), vertx, Clock.systemUTC());
        vertx.setPeriodic(TaskLeases.RENEWAL.toMillis(), t -> {
            renewLease();
            takeover.sweep();
        });
        vertx.setPeriodic(TASK_SWEEP.toMillis(), t -> tasks.forgetExpired(System.currentTimeMillis()));
        TaskMethods taskMethods = new TaskMethods(tasks, vertx, Clock.systemUTC());
        CatalogListHandler toolsList = new CatalogListHandler(catalogs.tools(), page, policy::current);
        MultiRoundTrip rounds = new MultiRoundTrip(new RequestStateSeal(settings.requestStateKey()), Clock.systemUTC());
        ProposedIntents proposed = new ProposedIntents(vertx, Clock.systemUTC(), SepSettings.DEFAULTS.keep(), SepSettings.DEFAULTS.capacity());
        return new MethodDispatcher()
                .on(McpMethods.AUTHORIZATION_PROPOSE, new ProposeHandler(catalogs.tools(), authorizer, pending, proposed, SepSettings.DEFAULTS))
                .on(McpMethods.AUTHORIZATION_DECIDE, new DecideHandler(proposed, SepSettings.DEFAULTS))
                .on(McpMethods.AUTHORIZATION_RECEIPT, new ReceiptHandler(proposed,
                        new ReceiptLookup(settings.bootstrapServers(), RECEIPT_LOOKUP_TIMEOUT), vertx))
                .on(McpMethods.INITIALIZE, new InitializeHandler(router))
                .on(McpMethods.DISCOVER, new DiscoverHandler(router))
                .on(McpMethods.PING, call -> Future.succeededFuture(new JsonObject()))
                .on(McpMethods.TOOLS_LIST, call -> toolsList.handle(call).map(list -> ToolTaskSupport.marked(list, call.protocolVersion())))
                .on(McpMethods.TOOLS_CALL, new TracedCalls(tracing, new ToolsCallHandler(catalogs.tools(), authorizer,
                        new EraBridge(router, forwarder, new HeldCalls(vertx, settings.timeouts().heldCall())), outcomes,
                        rounds, vertx, pending, reviewTasks, clientUserVerdicts)))
                .on(McpMethods.PROMPTS_LIST, new CatalogListHandler(catalogs.prompts(), page, policy::current))
                .on(McpMethods.PROMPTS_GET, RoutedHandler.decided(Catalog.PROMPTS, catalogs.prompts()::lookup, router, RoutedHandler.Pick.ERA_HALF, forwarding,
                        RequestKind.PROMPT_GET, gate))
                .on(McpMethods.RESOURCES_LIST, new CatalogListHandler(catalogs.resources(), page, policy::current))
                .on(McpMethods.RESOURCES_READ, RoutedHandler.decided(Catalog.RESOURCES, catalogs::resourceOwner, router, RoutedHandler.Pick.ERA_HALF, forwarding,
                        RequestKind.RESOURCE_READ, gate))
                .on(McpMethods.RESOURCES_SUBSCRIBE, RoutedHandler.decided(Catalog.RESOURCES, catalogs::resourceOwner, router,
                        RoutedHandler.Pick.REPORTING, RoutedHandler.Send.subscribing(),
                        RequestKind.RESOURCE_SUBSCRIBE, gate))
                .on(McpMethods.RESOURCES_UNSUBSCRIBE, RoutedHandler.undecided(Catalog.RESOURCES, catalogs::resourceOwner, router,
                        RoutedHandler.Pick.REPORTING, RoutedHandler.Send.answered()))
                .on(McpMethods.RESOURCE_TEMPLATES_LIST, new CatalogListHandler(catalogs.resourceTemplates(), page, policy::current))
                .on(McpMethods.COMPLETE, new CompletionHandler(catalogs.prompts(), catalogs.resourceTemplates(), router, forwarder, gate))
                .on(McpMethods.LOGGING_SET_LEVEL, new LoggingLevelHandler(router, LOGGING))
                .on(McpMethods.TASKS_GET, taskMethods.get())
                .on(McpMethods.TASKS_RESULT, taskMethods.result())
                .on(McpMethods.TASKS_LIST, taskMethods.list())
                .on(McpMethods.TASKS_CANCEL, taskMethods.cancel())
                .on(McpMethods.TASKS_UPDATE, taskMethods.update());
    }

    /** The metrics /metrics serves, so that the parts the edge is composed with can add theirs. */
    public EdgeMetrics metrics() {
        return metrics;
    }

    /**
     * Also reports {@code component} on /healthz: while {@code healthy} is false the edge answers
     * 503 and names it (the gateway adds its decision stream and receipt sink).
     */
    public void addHealthCheck(String component, BooleanSupplier healthy) {
        healthChecks.put(component, healthy);
    }

    private void health(RoutingContext ctx) {
        JsonArray failing = new JsonArray();
        if (!listener.isAlive()) {
            failing.add("decision-listener");
        }
        if (!toolPins.isFollowing()) {
            failing.add("tool-pins");
        }
        if (!tasks.isFollowing()) {
            failing.add("tasks");
        }
        if (!policy.isFollowing()) {
            failing.add("active-policy");
        }
        healthChecks.forEach((component, healthy) -> {
            if (!healthy.getAsBoolean()) {
                failing.add(component);
            }
        });
        boolean up = failing.isEmpty();
        // A tool server that is down degrades the gateway (its calls fail) but leaves it serving the others.
        JsonObject toolServers = new JsonObject();
        settings.servers().forEach(spec -> toolServers.put(spec.name(), ToolServerStatus.of(spec, router)));
        HttpReplies.json(ctx, up ? 200 : 503, new JsonObject()
                .put("status", up ? "UP" : "DOWN")
                .put("failing", failing)
                .put("toolServers", toolServers)
                .put("instance", settings.instanceId())
                .put("decisionListener", listener.isAlive())
                .put("pendingDecisions", pending.size())
                .put("sessions", sessions.size()));
    }

    private void failure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            HttpReplies.error(ctx, 413, null, ErrorCodes.INVALID_REQUEST,
                    "Request too large: the body exceeds " + settings.limits().maxBodyBytes() + " bytes (limits.maxBodyBytes)");
        } else {
            HttpReplies.error(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, null, ErrorCodes.INTERNAL_ERROR, "Internal error");
        }
    }

    public String instanceId() {
        return settings.instanceId();
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> stop() {
        if (listens != null) {
            listens.closeAll();
        }
        if (trail != null) {
            // The window's counts go out before the publisher closes (closing sends what it holds).
            trail.closeWindow();
        }
        return (server == null ? Future.succeededFuture() : server.close())
                .compose(v -> router.closeAll())
                .compose(v -> vertx.executeBlocking(() -> {
                    if (listener != null) {
                        listener.close();
                    }
                    if (publisher != null) {
                        publisher.close();
                    }
                    if (clientUserVerdicts != null) {
                        clientUserVerdicts.close();
                    }
                    if (outcomePublisher != null) {
                        outcomePublisher.close();
                    }
                    if (auditPublisher != null) {
                        auditPublisher.close();
                    }
                    if (toolPins != null) {
                        toolPins.close();
                    }
                    if (takeover != null) {
                        takeover.close();
                    }
                    if (tasks != null) {
                        tasks.close();
                    }
                    if (policy != null) {
                        policy.close();
                    }
                    if (deadLetters != null) {
                        deadLetters.close();
                    }
                    return null;
                }, false));
    }
}
