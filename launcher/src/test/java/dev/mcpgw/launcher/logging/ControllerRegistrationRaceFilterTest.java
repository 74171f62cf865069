package dev.mcpgw.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ControllerRegistrationRaceFilterTest {
    private static final String REGISTRATION = "[ControllerApis nodeId=1] Unexpected error handling request "
            + "RequestHeader(apiKey=CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0, headerVersion=2)";
    private static final Throwable NOT_YET_CONTROLLER =
            new CompletionException(new NotControllerException("The active controller appears to be node 1."));

    private final LoggerContext context = new LoggerContext();
    private final ControllerRegistrationRaceFilter filter = new ControllerRegistrationRaceFilter();

    @Test
    void dropsTheRegistrationRefusedWhileTheControllerIsStillBecomingActive() {
        assertThat(filter.decide(event(ControllerRegistrationRaceFilter.CONTROLLER_APIS_LOGGER, Level.ERROR, REGISTRATION, NOT_YET_CONTROLLER)))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void keepsAnotherRequestRefusedTheSameWay() {
        String createTopics = REGISTRATION.replace("CONTROLLER_REGISTRATION", "CREATE_TOPICS");
        assertThat(filter.decide(event(ControllerRegistrationRaceFilter.CONTROLLER_APIS_LOGGER, Level.ERROR, createTopics, NOT_YET_CONTROLLER)))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void keepsTheRegistrationFailingForAnotherReason() {
        Throwable other = new CompletionException(new UnsupportedVersionException("no common feature level"));
        assertThat(filter.decide(event(ControllerRegistrationRaceFilter.CONTROLLER_APIS_LOGGER, Level.ERROR, REGISTRATION, other)))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void keepsTheSameWordsFromAnotherLogger() {
        assertThat(filter.decide(event("dev.mcpgw.edge.SomethingElse", Level.ERROR, REGISTRATION, NOT_YET_CONTROLLER)))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theGatewaysLogAppliesIt() throws Exception {
        var configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getClassLoader().getResource("logback.xml"));
        var appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("JSON");
        assertThat(appender.getCopyOfAttachedFiltersList()).hasAtLeastOneElementOfType(ControllerRegistrationRaceFilter.class);
    }

    private LoggingEvent event(String logger, Level level, String message, Throwable thrown) {
        return new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, thrown, null);
    }
}
