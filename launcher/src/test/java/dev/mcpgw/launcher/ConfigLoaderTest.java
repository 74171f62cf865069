package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.limits.AgentCaps;
import dev.mcpgw.edge.limits.RequestLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import dev.mcpgw.edge.EdgeSettings;
import dev.mcpgw.edge.identity.OAuthSettings;
import dev.mcpgw.edge.pinning.ToolTrust;
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
    void shouldReadTheTracingEndpoint() throws IOException {
        assertThat(load("tracing: {otlpEndpoint: \"http://collector:4318\"}\n").config().tracing().otlpEndpoint()).isEqualTo("http://collector:4318");
    }

    @Test
    void shouldTraceNothingUnlessTheConfigSaysWhere() throws IOException {
        assertThat(new ConfigLoader(Map.<String, String>of()::get).starter().config().tracing()).isNull();
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
    @Test
    void shouldNameTheFileLineAndFieldOfAnUnknownKeyAndTheKeysThatExistThere() throws IOException {
        assertThatThrownBy(() -> load("kafka:\n  bootstrapServer: localhost:9092\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("gateway.yaml") + ": line 3: kafka.bootstrapServer: unknown key; the keys here are [bootstrapServers, embedded]");
    }

    @Test
    void shouldSayAMissingConfigFileIsMissingAndHowToNameOne() {
        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("nope.yaml") + ": no such file: pass --config the path of your gateway config");
    }

    @Test
    void shouldSayThePolicyFileTheConfigNamesIsMissingAndWhereItWasLookedFor() throws IOException {
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "policy: policies/main.yaml\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": policy: " + dir.resolve("policies/main.yaml")
                        + " does not exist (the path is relative to the config file)");
    }

    @Test
    void shouldRefuseAnInvalidPolicyWithItsFileLineAndFieldAndHowToCheckIt() throws IOException {
        Files.writeString(dir.resolve("bad-policy.yaml"), "default: deny\nrules:\n  - id: r\n    effect: perhaps\n");
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "policy: bad-policy.yaml\n");
        Path policy = dir.resolve("bad-policy.yaml");

        assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(policy + ": line 4, column 5: rules[0].effect: unknown effect 'perhaps' (allow, deny or review)\n"
                        + "the policy cannot be activated: fix it (gateway policy lint " + policy + " checks it)");
    }

    @Test
    void shouldNameTheFieldWhoseEnvironmentVariableIsNotSetAndHowToGiveADefault() {
        assertThatThrownBy(() -> load("agents:\n  - {id: a, apiKey: \"${FINANCE_KEY}\"}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("gateway.yaml") + ": line 3: agents[0].apiKey: needs environment variable FINANCE_KEY, "
                        + "which is not set: set it, or give a default as ${FINANCE_KEY:-value}");
    }

    @Test
    void shouldSubstituteAfterParsingSoAValueWithHashOrColonSpaceStaysOneValue() throws IOException {
        Files.writeString(dir.resolve("policy.yaml"), "version: t\ndefault: deny\nrules: []\n");
        Path file = dir.resolve("gateway.yaml");
        Files.writeString(file, "policy: policy.yaml\nagents:\n  - {id: a, apiKey: \"${KEY}\", keyLabel: \"${LABEL}\"}\ndecisionTimeoutMs: ${TIMEOUT}\n");
        var environment = Map.of("KEY", "abc#def", "LABEL", "team: finance", "TIMEOUT", "2500");

        GatewayConfig config = new ConfigLoader(environment::get).load(file).config();

        assertThat(config.agents().get(0).apiKey()).isEqualTo("abc#def");
        assertThat(config.agents().get(0).keyLabel()).isEqualTo("team: finance");
        assertThat(config.decisionTimeoutMs()).isEqualTo(2500L);
    }

    @Test
    void shouldReadTheAllowedOriginsAndTheDecidePartitionOfThisEdge() throws IOException {
        GatewayConfig config = load("edge: {allowedOrigins: [\"https://console.example\"], decidePartition: 2}\n").config();

        assertThat(config.allowedOrigins()).containsExactly("https://console.example");
        assertThat(config.decidePartition()).isEqualTo(2);
    }

    @Test
    void shouldRefuseADecidePartitionTheDecideTopicDoesNotHave() {
        assertThatThrownBy(() -> load("edge: {decidePartition: 4}\n")).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("gateway.yaml") + ": edge.decidePartition must be between 0 and 3 (gateway.decide has 4 partitions), not 4");
    }

    @Test
    void shouldReadTheHeldCallTimeoutAndTheListCacheTtlOfThisEdge() throws IOException {
        GatewayConfig config = load("edge: {heldCallTimeoutMs: 30000, listCacheTtlMs: 0}\n").config();

        assertThat(config.edgeTimeouts()).isEqualTo(new EdgeSettings.Timeouts(Duration.ofSeconds(30), Duration.ZERO));
    }

    @Test
    void shouldKeepTheDefaultTimeoutsWhenTheEdgeSetsNone() throws IOException {
        assertThat(load("edge: {decidePartition: 1}\n").config().edgeTimeouts()).isEqualTo(EdgeSettings.Timeouts.DEFAULTS);
    }

    @Test
    void shouldRefuseAHeldCallTimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> load("edge: {heldCallTimeoutMs: 0}\n")).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("gateway.yaml") + ": edge.heldCallTimeoutMs must be positive, not 0");
    }

    @Test
    void shouldReadTheOAuthSectionWithItsClaimMapping() throws IOException {
        OAuthSettings oauth = load("""
                oauth:
                  resource: https://gateway.example.com/mcp
                  scopes: [mcp]
                  clockSkewSeconds: 10
                  authorizationServers:
                    - issuer: https://login.example.com/realms/agents
                      jwksUri: https://login.example.com/realms/agents/certs
                      claims: {agentId: client_id, groups: roles, attributes: {team: team}, agentIdPrefix: "login/"}
                    - issuer: http://127.0.0.1:9000
                """).config().oauthSettings().orElseThrow();

        assertThat(oauth.resource()).isEqualTo(URI.create("https://gateway.example.com/mcp"));
        assertThat(oauth.scopes()).containsExactly("mcp");
        assertThat(oauth.clockSkew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(oauth.authorizationServers()).containsExactly(
                new OAuthSettings.AuthorizationServer("https://login.example.com/realms/agents",
                        URI.create("https://login.example.com/realms/agents/certs"),
                        new OAuthSettings.ClaimMapping("client_id", "roles", Map.of("team", "team"), "login/")),
                new OAuthSettings.AuthorizationServer("http://127.0.0.1:9000", null, OAuthSettings.ClaimMapping.DEFAULT));
    }

    @Test
    void shouldTakeAConfigWithoutOAuthAsApiKeysOnly() throws IOException {
        assertThat(load("").config().oauthSettings()).isEmpty();
    }

    @Test
    void shouldRefuseEachOAuthSettingThatCannotWorkNamingItsKey() {
        String server = "  authorizationServers: [{issuer: https://as.example}]\n";
        Map<String, String> refusals = Map.ofEntries(
                Map.entry("oauth: {authorizationServers: [{issuer: https://as.example}]}\n", "oauth.resource is required"),
                Map.entry("oauth:\n  resource: gateway/mcp\n" + server, "oauth.resource must be an absolute https URL"),
                Map.entry("oauth:\n  resource: http://gateway.example/mcp\n" + server, "oauth.resource must use https"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp#x\n" + server, "oauth.resource must not have a fragment"),
                Map.entry("oauth: {resource: https://gw.example/mcp}\n", "oauth.authorizationServers needs at least one"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{jwksUri: https://as.example/k}]\n",
                        "oauth.authorizationServers[0].issuer is required"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{issuer: http://as.example}]\n",
                        "oauth.authorizationServers[0].issuer must use https"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{issuer: \"https://as.example?a=1\"}]\n",
                        "oauth.authorizationServers[0].issuer must have no query or fragment"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{issuer: https://as.example}, {issuer: https://as.example}]\n",
                        "oauth.authorizationServers[1].issuer https://as.example is named twice"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{issuer: https://as.example, jwksUri: ftp://as.example/k}]\n",
                        "oauth.authorizationServers[0].jwksUri must be an absolute https URL"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{issuer: https://as.example, claims: {agentId: \" \"}}]\n",
                        "oauth.authorizationServers[0].claims.agentId must name the claim"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  authorizationServers: [{issuer: https://as.example, claims: {attributes: {team: \"\"}}}]\n",
                        "oauth.authorizationServers[0].claims.attributes.team must name the claim"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  clockSkewSeconds: 600\n" + server,
                        "oauth.clockSkewSeconds must be between 0 and 300, not 600"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  scopes: [\"a b\"]\n" + server, "oauth.scopes: 'a b' is not a scope"),
                Map.entry("oauth:\n  resource: https://gw.example/mcp\n  audience: x\n" + server, "oauth.audience: unknown key"));

        refusals.forEach((yaml, message) -> assertThatThrownBy(() -> load(yaml)).as(yaml).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("gateway.yaml") + ": ").hasMessageContaining(message));
    }

    @Test
    void shouldTrustAServerOnFirstUseAndHideAndWithholdWhenTheConfigSaysNothing() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node}\n").config();

        assertThat(config.mcpServers().get("files").trust("files")).isEqualTo(ToolTrust.DEFAULTS);
    }

    @Test
    void shouldTakeAServersPinsAndWhatToDoWithChangedAndFlaggedTools() throws IOException {
        String hash = "ab".repeat(32);
        GatewayConfig config = load("mcpServers:\n  files:\n    command: node\n    pins: {read_file: " + hash + "}\n"
                + "    onChange: refuse\n    flaggedTools: sanitise\n").config();

        assertThat(config.mcpServers().get("files").trust("files"))
                .isEqualTo(new ToolTrust(Map.of("read_file", hash), ToolTrust.OnChange.REFUSE, ToolTrust.FlaggedTools.SANITISE));
    }

    @Test
    void shouldRefuseAnOnChangeThatIsNeitherHideNorRefuse() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, onChange: warn}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcpServers.files.onChange must be one of [hide, refuse]");
    }

    @Test
    void shouldRefuseAFlaggedToolsThatIsNotOneOfTheThree() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, flaggedTools: ignore}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcpServers.files.flaggedTools must be one of [withhold, sanitise, allow]");
    }

    @Test
    void shouldCapAServersMessagesAt16MiBWhenTheConfigSaysNothing() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node}\n").config();

        assertThat(config.mcpServers().get("files").maxMessageBytes("files")).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void shouldTakeTheCapOnAServersMessages() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node, maxMessageBytes: 1048576}\n").config();

        assertThat(config.mcpServers().get("files").maxMessageBytes("files")).isEqualTo(1024 * 1024);
    }

    @Test
    void shouldSendAServerNoMetaKeyBeyondMcpsOwnWhenTheConfigSaysNothing() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node}\n").config();

        assertThat(config.mcpServers().get("files").forwardMeta("files")).isEmpty();
    }

    @Test
    void shouldTakeTheMetaKeysAServerIsSent() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node, forwardMeta: [com.example/locale]}\n").config();

        assertThat(config.mcpServers().get("files").forwardMeta("files")).containsExactly("com.example/locale");
    }

    @Test
    void shouldRefuseAnEmptyMetaKeyForAServer() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, forwardMeta: [\"\"]}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcpServers.files.forwardMeta names a key that is empty");
    }

    @Test
    void shouldLetAServerAskTheClientWhatMcpLetsItWhenTheConfigSaysNothing() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node}\n").config();

        assertThat(config.mcpServers().get("files").clientRequests("files")).containsExactlyInAnyOrder("elicitation", "sampling", "roots");
    }

    @Test
    void shouldTakeWhatAServerMayAskTheClient() throws IOException {
        GatewayConfig config = load("mcpServers:\n  files: {command: node, clientRequests: [roots]}\n  mute: {command: node, clientRequests: []}\n")
                .config();

        assertThat(config.mcpServers().get("files").clientRequests("files")).containsExactly("roots");
        assertThat(config.mcpServers().get("mute").clientRequests("mute")).isEmpty();
    }

    @Test
    void shouldRefuseAClientRequestMcpDoesNotHave() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, clientRequests: [elicitation, passwords]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mcpServers.files.clientRequests names passwords: it may name elicitation, sampling and roots");
    }

    @Test
    void shouldRefuseAnEmptyClientRequest() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, clientRequests: [roots, ~]}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mcpServers.files.clientRequests names null");
    }

    @Test
    void shouldRefuseACapOnAServersMessagesThatIsNotPositive() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, maxMessageBytes: 0}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcpServers.files.maxMessageBytes must be positive, not 0");
    }

    @Test
    void shouldRefuseACapOnAServersMessagesThatIsNoWholeNumberOfBytesTheEdgeCanHold() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, maxMessageBytes: 99999999999}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, maxMessageBytes: lots}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxMessageBytes");
    }

    @Test
    void shouldRefuseAServerEntryThatIsEmpty() {
        assertThatThrownBy(() -> load("mcpServers:\n  files:\n")).isInstanceOf(ConfigException.class)
                .hasMessage(dir.resolve("gateway.yaml") + ": mcpServers.files is empty: give it a command (stdio) or a url (Streamable HTTP)");
    }

    @Test
    void shouldRefuseAPinThatIsNotASha256() {
        assertThatThrownBy(() -> load("mcpServers:\n  files: {command: node, pins: {read_file: abc}}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mcpServers.files.pins.read_file must be a hex SHA-256");
    }
}
