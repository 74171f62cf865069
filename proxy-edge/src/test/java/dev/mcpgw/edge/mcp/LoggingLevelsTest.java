package dev.mcpgw.edge.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingLevelsTest {
    @Test
    void shouldLetAMoreSevereMessageReachAClientThatAskedForLess() {
        assertThat(LoggingLevels.reaches("error", "info")).isTrue();
    }

    @Test
    void shouldLetAMessageOfTheAskedLevelReachTheClient() {
        assertThat(LoggingLevels.reaches("info", "info")).isTrue();
    }

    @Test
    void shouldKeepALessSevereMessageFromTheClient() {
        assertThat(LoggingLevels.reaches("debug", "info")).isFalse();
    }

    @Test
    void shouldKeepAMessageOfAnUnknownLevel() {
        assertThat(LoggingLevels.reaches("loud", "debug")).isFalse();
    }
}
