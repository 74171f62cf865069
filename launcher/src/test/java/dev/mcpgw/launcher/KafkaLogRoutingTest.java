package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.slf4j.SLF4JLoggerContextFactory;
import org.junit.jupiter.api.Test;

/** The embedded broker's parts that log through the Log4j API end in the gateway's own log, through SLF4J. */
class KafkaLogRoutingTest {

    @Test
    void log4jApiLoggingGoesToSlf4j() {
        assertThat(LogManager.getFactory()).isInstanceOf(SLF4JLoggerContextFactory.class);
    }
}
