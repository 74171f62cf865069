package dev.mcpgw.edge.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.downstream.DownstreamClient;
import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.downstream.ServerHalf;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.Era;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** One downstream subscription per server and resource, taken by the first client that needs it and given up by the last. */
class ResourceSubscriptionsTest {
    private final RecordingServer files = new RecordingServer("files");
    private final RecordingServer notes = new RecordingServer("notes");
    private final Map<String, DownstreamClient> servers = Map.of("files", files, "notes", notes);
    private final ServerHalf filesServer = ServerHalf.whole(spec("files"));
    private final ServerHalf notesServer = ServerHalf.whole(spec("notes"));
    private final ResourceSubscriptions subscriptions = new ResourceSubscriptions(
            (uri, era) -> Optional.ofNullable(uri.startsWith("file:") ? filesServer : uri.startsWith("note:") ? notesServer : null),
            half -> servers.get(half.server()));

    @Test
    void shouldSubscribeTheOwningServerOnceForEveryClientThatHoldsAResource() {
        subscriptions.hold("file:///a", Era.SESSION);
        subscriptions.hold("file:///a", Era.STATELESS);
        subscriptions.hold("note:1", Era.SESSION);

        assertThat(files.sent).containsExactly("subscribe file:///a");
        assertThat(notes.sent).containsExactly("subscribe note:1");
        assertThat(subscriptions.held(filesServer)).containsExactly("file:///a");
    }

    @Test
    void shouldUnsubscribeOnlyWhenTheLastHolderReleases() {
        Runnable first = subscriptions.hold("file:///a", Era.SESSION);
        Runnable second = subscriptions.hold("file:///a", Era.SESSION);

        first.run();
        first.run();
        assertThat(files.sent).containsExactly("subscribe file:///a");

        second.run();
        assertThat(files.sent).containsExactly("subscribe file:///a", "unsubscribe file:///a");
        assertThat(subscriptions.held(filesServer)).isEmpty();
    }

    @Test
    void shouldSubscribeAgainWhenAClientNeedsAResourceAfterTheLastOneGaveItUp() {
        subscriptions.hold("file:///a", Era.SESSION).run();

        subscriptions.hold("file:///a", Era.SESSION);

        assertThat(files.sent).containsExactly("subscribe file:///a", "unsubscribe file:///a", "subscribe file:///a");
    }

    @Test
    void shouldSubscribeAServerThatStartedAgainToWhatItsClientsStillHold() {
        subscriptions.hold("file:///a", Era.SESSION);
        subscriptions.hold("file:///b", Era.SESSION).run();
        RecordingServer restarted = new RecordingServer("files");

        subscriptions.renew(filesServer, restarted);

        assertThat(restarted.sent).containsExactly("subscribe file:///a");
    }

    @Test
    void shouldHoldNothingForAResourceNoServerOwns() {
        subscriptions.hold("mail:1", Era.SESSION).run();

        assertThat(files.sent).isEmpty();
        assertThat(notes.sent).isEmpty();
    }

    @Test
    void shouldSubscribeEachHalfOfADualEraServerApartAndRenewOnlyTheHalfThatStartedAgain() {
        RecordingServer session = new RecordingServer("dual");
        RecordingServer stateless = new RecordingServer("dual");
        ServerHalf sessionHalf = ServerHalf.half(spec("dual"), Era.SESSION);
        ServerHalf statelessHalf = ServerHalf.half(spec("dual"), Era.STATELESS);
        ResourceSubscriptions dual = new ResourceSubscriptions((uri, era) -> Optional.of(era == Era.SESSION ? sessionHalf : statelessHalf),
                half -> half.equals(sessionHalf) ? session : stateless);

        dual.hold("dual:1", Era.SESSION);
        dual.hold("dual:2", Era.STATELESS);
        RecordingServer restarted = new RecordingServer("dual");
        dual.renew(sessionHalf, restarted);

        assertThat(session.sent).containsExactly("subscribe dual:1");
        assertThat(stateless.sent).containsExactly("subscribe dual:2");
        assertThat(restarted.sent).containsExactly("subscribe dual:1");
    }

    private static DownstreamSpec spec(String name) {
        return new DownstreamSpec(name, null, null, null, "http://127.0.0.1:1/mcp", Map.of(), name);
    }

    /** A server that records the subscriptions it is asked for. */
    private static final class RecordingServer implements DownstreamClient {
        final List<String> sent = new ArrayList<>();
        private final String name;

        RecordingServer(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Future<Void> setLogLevel(String level) {
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> subscribeResource(String uri) {
            sent.add("subscribe " + uri);
            return Future.succeededFuture();
        }

        @Override
        public void unsubscribeResource(String uri) {
            sent.add("unsubscribe " + uri);
        }

        @Override
        public Future<JsonObject> start() {
            return Future.succeededFuture(new JsonObject());
        }

        @Override
        public String protocolVersion() {
            return "2025-11-25";
        }

        @Override
        public Future<JsonObject> request(String method, JsonObject params, Consumer<JsonObject> related, Cancellation cancellation,
                                          ClientRequests asker) {
            return Future.succeededFuture(new JsonObject());
        }

        @Override
        public void notify(String method, JsonObject params) {
        }

        @Override
        public void onNotification(Consumer<JsonObject> handler) {
        }

        @Override
        public void onDisconnected(Consumer<String> handler) {
        }

        @Override
        public JsonObject initializeResult() {
            return new JsonObject();
        }

        @Override
        public Future<Void> close() {
            return Future.succeededFuture();
        }
    }
}
