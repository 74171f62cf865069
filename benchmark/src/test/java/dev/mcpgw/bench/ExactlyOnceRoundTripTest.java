package dev.mcpgw.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.testsupport.SharedKafka;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's exactly-once floor on a real broker: it measures only what a committed transaction delivers. */
class ExactlyOnceRoundTripTest {
    @TempDir
    Path stateDir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eachRoundTripEndsWhenThePassThroughHasCommittedTheRecordItSent() throws Exception {
        try (ExactlyOnceRoundTrip floor = new ExactlyOnceRoundTrip(SharedKafka.bootstrapServers(), stateDir)) {
            for (int i = 0; i < 5; i++) {
                assertThat(floor.roundTrip().get()).isTrue();
            }
            assertThat(floor.isRunning()).isTrue();
        }
    }
}
