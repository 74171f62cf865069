package dev.mcpgw.edge.mrtr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The held-call bridge on its own: the "server" is a function that asks once and greets whoever answers. */
class HeldCallsTest {
    private static final JsonObject ELICITING = new JsonObject().put("elicitation", new JsonObject());
    private final Vertx vertx = Vertx.vertx();
    private final Promise<JsonObject> serverSaw = Promise.promise();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** A server call that asks for a name, then greets it; what its question got is kept in {@link #serverSaw}. */
    private Function<ClientRequests, Future<JsonObject>> askingServer() {
        return asker -> asker.send("elicitation/create", new JsonObject().put("message", "Your name?"))
                .onComplete(r -> serverSaw.handle(r))
                .map(answer -> new JsonObject().put("text", "Hello, " + answer.getJsonObject("content").getString("name")));
    }

    private static String heldId(JsonObject inputRequired) {
        return HeldCalls.heldCallOf(inputRequired.getString("requestState")).orElseThrow();
    }

    @Test
    void shouldTurnTheServersRequestIntoAnInputRequiredResult() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofSeconds(10));

        JsonObject first = held.start(ELICITING, askingServer(), new Cancellation()).await();

        assertThat(first.getString("resultType")).isEqualTo("input_required");
        assertThat(first.getJsonObject("inputRequests").getJsonObject("input-1").getString("method")).isEqualTo("elicitation/create");
        assertThat(held.size()).isEqualTo(1);
    }

    @Test
    void shouldAnswerTheServerWithTheRetrysResponseAndReturnTheCallsResult() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofSeconds(10));
        JsonObject first = held.start(ELICITING, askingServer(), new Cancellation()).await();

        JsonObject done = held.resume(heldId(first), new JsonObject().put("input-1",
                new JsonObject().put("action", "accept").put("content", new JsonObject().put("name", "Ada"))), new Cancellation()).await();

        assertThat(done.getString("text")).isEqualTo("Hello, Ada");
        assertThat(held.size()).isZero();
    }

    @Test
    void shouldFailTheServersRequestAndCancelTheCallWhenTheRetryIsRefused() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofSeconds(10));
        Cancellation downstream = new Cancellation();
        JsonObject first = held.start(ELICITING, askingServer(), downstream).await();

        held.abandon(heldId(first), "the retry was not allowed");

        assertThat(serverSaw.future().failed()).isTrue();
        assertThat(downstream.isCancelled()).isTrue();
        assertThat(held.size()).isZero();
    }

    @Test
    void shouldGiveUpACallWhoseClientDoesNotAnswerInTime() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofMillis(200));
        Cancellation downstream = new Cancellation();
        held.start(ELICITING, askingServer(), downstream).await();

        Throwable failure = serverSaw.future().transform(r -> Future.succeededFuture(r.cause())).await();

        assertThat(((RpcException) failure).code()).isEqualTo(ErrorCodes.REQUEST_CANCELLED);
        assertThat(downstream.isCancelled()).isTrue();
    }

    @Test
    void shouldRefuseARetryForACallNoLongerHeld() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofSeconds(10));

        Future<JsonObject> retry = held.resume("gone", new JsonObject(), new Cancellation());

        assertThat(retry.failed()).isTrue();
        assertThat(((RpcException) retry.cause()).code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
    }

    @Test
    void shouldFailTheCallAtOnceAndGiveUpTheServersCallWhenTheClientDidNotDeclareTheCapability() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofSeconds(10));
        Cancellation downstream = new Cancellation();

        Throwable failure = held.start(new JsonObject(), askingServer(), downstream).transform(r -> Future.succeededFuture(r.cause())).await();

        assertThat(((RpcException) failure).code()).isEqualTo(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY);
        assertThat(downstream.isCancelled()).isTrue();
        assertThat(held.size()).isZero();
    }

    @Test
    void shouldRefuseToAskAClientThatDidNotDeclareTheCapability() {
        HeldCalls held = new HeldCalls(vertx, Duration.ofSeconds(10));

        held.start(new JsonObject(), askingServer(), new Cancellation());

        Throwable failure = serverSaw.future().transform(r -> Future.succeededFuture(r.cause())).await();
        assertThat(((RpcException) failure).code()).isEqualTo(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY);
    }
}
