package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private ConfigLoader.Loaded load(String yaml) throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), "version: t\ndefault: deny\nrules: []\n");
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "policy: policy.yaml\n" + yaml);
        return new ConfigLoader(Map.<String, String>of()::get).load(file);
    }

    @Test
    void shouldTakeTheDefaultLimitsWhenTheConfigSetsNone() throws IOException {
        assertThat(load("").config().requestLimits()).isEqualTo(RequestLimits.DEFAULTS);
    }

    @Test
    void shouldTakeEachLimitTheConfigSetsAndTheDefaultsForTheRest() throws IOException {
        RequestLimits limits = load("limits: {maxDepth: 16, maxBodyBytes: 65536}\n").config().requestLimits();

        assertThat(limits).isEqualTo(new RequestLimits(65536, 16, RequestLimits.DEFAULTS.maxStringLength(),
                RequestLimits.DEFAULTS.maxArgumentsBytes()));
    }

    @Test
    void shouldRefuseLimitsThatLetAnIntentOutgrowAKafkaRecord() {
        assertThatThrownBy(() -> load("limits: {maxArgumentsBytes: 900000}\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("gateway.yaml").hasMessageContaining("limits.maxArgumentsBytes");
    }

    @Test
    void shouldRefuseAnUnknownLimit() {
        assertThatThrownBy(() -> load("limits: {maxDeepness: 3}\n")).isInstanceOf(IOException.class).hasMessageContaining("maxDeepness");
    }

    @Test
    void shouldShowTheDefaultLimitsInTheStarterConfig() throws IOException {
        GatewayConfig starter = new ConfigLoader(Map.<String, String>of()::get).starter().config();

        assertThat(starter.requestLimits()).isEqualTo(RequestLimits.DEFAULTS);
        assertThat(starter.agentCaps()).isEqualTo(AgentCaps.DEFAULTS);
    }

    @Test
    void shouldTakeTheDefaultCapsWhenTheConfigSetsNone() throws IOException {
        assertThat(load("").config().agentCaps()).isEqualTo(AgentCaps.DEFAULTS);
    }

    @Test
    void shouldReadEachAgentsCapsAndTheSessionIdleTimeout() throws IOException {
        AgentCaps caps = load("limits: {sessionsPerAgent: 2, streamsPerAgent: 3, callsInFlightPerAgent: 4, sessionIdleTimeoutMs: 60000}\n")
                .config().agentCaps();

        assertThat(caps).isEqualTo(new AgentCaps(2, 3, 4, Duration.ofMinutes(1)));
    }

    @Test
    void shouldRefuseACapThatIsNotPositive() {
        assertThatThrownBy(() -> load("limits: {callsInFlightPerAgent: 0}\n")).isInstanceOf(IOException.class)
                .hasMessageContaining("limits.callsInFlightPerAgent");
    }
}
