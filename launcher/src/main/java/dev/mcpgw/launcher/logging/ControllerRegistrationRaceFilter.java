package dev.mcpgw.launcher.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.NotControllerException;

/**
 * Drops the one error the embedded Kafka node logs, with a stack trace, each time it starts on
 * existing data: its controller asks to be registered before its quorum controller has finished
 * becoming active again, is told that it is not the controller yet, and registers a moment later
 * (Kafka's registration manager retries). Kafka's request handler logs any failed request as
 * unexpected; this refusal is part of every restart, and an error in the gateway's log would send
 * its users looking for a fault that is not there. Any other error of that handler, and this
 * request failing for any other reason, is kept.
 */
public final class ControllerRegistrationRaceFilter extends Filter<ILoggingEvent> {
    static final String CONTROLLER_APIS_LOGGER = "kafka.server.ControllerApis";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return isRegistrationRefusedWhileActivating(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isRegistrationRefusedWhileActivating(ILoggingEvent event) {
        return event.getLevel() == Level.ERROR
                && CONTROLLER_APIS_LOGGER.equals(event.getLoggerName())
                && event.getFormattedMessage() != null
                && event.getFormattedMessage().contains("apiKey=CONTROLLER_REGISTRATION")
                && causedByNotController(event.getThrowableProxy());
    }

    private static boolean causedByNotController(IThrowableProxy thrown) {
        for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
            if (NotControllerException.class.getName().equals(t.getClassName())) {
                return true;
            }
        }
        return false;
    }
}
