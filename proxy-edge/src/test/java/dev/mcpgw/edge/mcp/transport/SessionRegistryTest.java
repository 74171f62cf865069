package dev.mcpgw.edge.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.Cancellation;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private static final Duration IDLE = Duration.ofMinutes(30);
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SessionRegistry sessions = new SessionRegistry(IDLE, nanos::get);

    private McpSession open() {
        return sessions.open("alice", "2025-11-25", new JsonObject());
    }

    private void pass(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    @Test
    void shouldEndASessionUnusedForLongerThanTheIdleTimeout() {
        McpSession session = open();
        pass(IDLE.plusSeconds(1));

        sessions.endIdle();

        assertThat(sessions.find(session.id(), "alice")).isEmpty();
    }

    @Test
    void shouldKeepASessionUnusedForLessThanTheIdleTimeout() {
        McpSession session = open();
        pass(IDLE.minusSeconds(1));

        sessions.endIdle();

        assertThat(sessions.find(session.id(), "alice")).isPresent();
    }

    @Test
    void shouldCountTheIdleTimeFromTheSessionsLastUse() {
        McpSession session = open();
        pass(IDLE.minusSeconds(1));
        sessions.find(session.id(), "alice");
        pass(Duration.ofSeconds(2));

        sessions.endIdle();

        assertThat(sessions.find(session.id(), "alice")).isPresent();
    }

    @Test
    void shouldKeepASessionWhileARequestOfItsIsInFlight() {
        McpSession session = open();
        session.started(7);
        pass(IDLE.plusSeconds(1));

        sessions.endIdle();

        assertThat(sessions.find(session.id(), "alice")).isPresent();
    }

    @Test
    void shouldCountTheIdleTimeFromTheEndOfTheLastRequest() {
        McpSession session = open();
        Cancellation call = session.started(7).orElseThrow();
        pass(IDLE.plusSeconds(1));
        session.finished(7, call);
        pass(Duration.ofSeconds(2));

        sessions.endIdle();

        assertThat(sessions.find(session.id(), "alice")).isPresent();
    }

    @Test
    void shouldRefuseToStartARequestWhoseIdIsStillInFlight() {
        McpSession session = open();
        session.started(7);

        assertThat(session.started(7)).isEmpty();
    }

    @Test
    void shouldTellSevenAndTheStringSevenApart() {
        McpSession session = open();
        session.started(7);

        assertThat(session.started("7")).isPresent();
    }

    @Test
    void shouldAcceptAnIdAgainOnceItsRequestFinished() {
        McpSession session = open();
        session.finished(7, session.started(7).orElseThrow());

        assertThat(session.started(7)).isPresent();
    }

    @Test
    void shouldStayBusyWhileAnyRequestIsInFlight() {
        McpSession session = open();
        Cancellation first = session.started(7).orElseThrow();
        session.started(8);

        session.finished(7, first);

        assertThat(session.isBusy()).isTrue();
    }

    @Test
    void shouldKeepASessionWhileItsStreamIsOpen() {
        McpSession session = open();
        session.claimStandaloneStream();
        pass(IDLE.plusSeconds(1));

        sessions.endIdle();

        assertThat(sessions.find(session.id(), "alice")).isPresent();
    }

    @Test
    void shouldRunWhatTheSessionHoldsReleasedWhenItEndsIdle() {
        AtomicBoolean released = new AtomicBoolean();
        open().onClose(() -> released.set(true));
        pass(IDLE.plusSeconds(1));

        sessions.endIdle();

        assertThat(released).isTrue();
    }

    @Test
    void shouldLetASessionOpenAnotherStreamOnceItsStreamEnded() {
        McpSession session = open();
        session.claimStandaloneStream();

        session.standaloneStreamEnded();

        assertThat(session.claimStandaloneStream()).isTrue();
    }
}
