package dev.mcpgw.edge.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AuthenticationRefusalsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AuthenticationRefusals.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final List<String> counted = new ArrayList<>();
    private final AuthenticationRefusals refusals = new AuthenticationRefusals((method, reason) -> counted.add(method + "/" + reason));

    @BeforeEach
    void listen() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(lines);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shouldCountEveryRefusalButLogEachSourceAndReasonOncePerWindowThenTheirCount() {
        for (int i = 0; i < 500; i++) {
            refusals.refused("10.0.0.9", AuthenticationRefusal.EXPIRED);
        }
        refusals.refused("10.0.0.7", AuthenticationRefusal.MISSING);

        assertThat(counted).hasSize(501).contains("bearer-jwt/expired", "none/missing");
        assertThat(messages()).containsExactly("authentication refused from 10.0.0.9: expired (bearer-jwt)",
                "authentication refused from 10.0.0.7: missing (none)");

        refusals.closeWindow();
        assertThat(messages()).last().isEqualTo("authentication refused from 10.0.0.9 499 more times: expired (bearer-jwt)");

        refusals.refused("10.0.0.9", AuthenticationRefusal.EXPIRED);
        assertThat(messages()).hasSize(4).last().isEqualTo("authentication refused from 10.0.0.9: expired (bearer-jwt)");
    }

    @Test
    void shouldOnlyCountTheSourcesBeyondTheItemisedOnesOfAWindow() {
        for (int i = 0; i < AuthenticationRefusals.MAX_SOURCES + 250; i++) {
            refusals.refused("10.1." + (i / 256) + "." + (i % 256), AuthenticationRefusal.UNKNOWN_API_KEY);
        }

        assertThat(messages()).hasSize(AuthenticationRefusals.MAX_SOURCES);
        refusals.closeWindow();
        assertThat(messages()).last().isEqualTo("authentication refused 250 more times from further sources (more than 1000 kinds in one window)");
    }
}
