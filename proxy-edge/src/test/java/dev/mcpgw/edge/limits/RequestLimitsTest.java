package dev.mcpgw.edge.limits;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestLimitsTest {
    @Test
    void shouldKeepTheDefaultsWithinTheIntentBudget() {
        assertThatNoException().isThrownBy(() -> new RequestLimits(RequestLimits.DEFAULTS.maxBodyBytes(), RequestLimits.DEFAULTS.maxDepth(),
                RequestLimits.DEFAULTS.maxStringLength(), RequestLimits.DEFAULTS.maxArgumentsBytes()));
    }

    @Test
    void shouldRefuseLimitsThatLetAnIntentOutgrowAKafkaRecord() {
        assertThatThrownBy(() -> new RequestLimits(1024 * 1024, 64, 32 * 1024, 700 * 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limits.maxArgumentsBytes");
    }

    @Test
    void shouldRefuseADepthTheParserWouldNotReach() {
        assertThatThrownBy(() -> new RequestLimits(1024 * 1024, 1000, 32 * 1024, 256 * 1024)).hasMessageContaining("limits.maxDepth");
    }

    @Test
    void shouldRefuseALimitThatIsNotPositive() {
        assertThatThrownBy(() -> new RequestLimits(0, 64, 32 * 1024, 256 * 1024)).hasMessageContaining("limits.maxBodyBytes");
    }
}
