package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyInterceptor;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite against server-everything alone, then against the gateway
 * fronting it (stdio, no tool prefix, allow-all policy): the gateway must pass every scenario the
 * server passes alone, and DNS-rebinding protection in full. The suite cannot send credentials, so
 * it reaches the gateway through a loopback reverse proxy that adds the API key.
 */
class ConformanceIT {
    private static final String KEY = "conformance-key";

    @Test
    void shouldPassEveryScenarioThatTheFrontedServerPassesAlone(@TempDir Path dir) throws Exception {
        assumeTrue(ConformanceSuite.npmAvailable(), "npm is not installed: the conformance suite comes from the npm registry");
        ConformanceSuite suite = ConformanceSuite.install(Path.of("target/conformance"));
        // given: what server-everything passes on its own
        int directPort = freePort();
        Process direct = suite.startServerEverything(directPort);
        Set<String> passedAlone;
        try {
            waitForPort(directPort);
            passedAlone = suite.passedScenarios("http://127.0.0.1:" + directPort + "/mcp", "direct");
        } finally {
            direct.destroy();
        }
        // when: the same suite through the gateway
        Set<String> passedThroughGateway;
        Vertx vertx = Vertx.vertx();
        try (Gateway gateway = Gateway.start(config(suite, dir))) {
            HttpServer proxy = keyAddingProxy(vertx, gateway);
            passedThroughGateway = suite.passedScenarios("http://127.0.0.1:" + proxy.actualPort() + "/mcp", "gateway");
        } finally {
            vertx.close().await();
        }
        // then
        assertThat(passedAlone).as("scenarios server-everything passes alone").contains("server-initialize", "tools-list");
        assertThat(passedThroughGateway).as("scenarios passed through the gateway (logs in target/conformance)")
                .containsAll(passedAlone)
                .contains("dns-rebinding-protection");
    }

    private static ConfigLoader.Loaded config(ConformanceSuite suite, Path dir) {
        var servers = new LinkedHashMap<String, GatewayConfig.ServerEntry>();
        servers.put("everything", new GatewayConfig.ServerEntry(suite.node(), List.of(suite.serverEverything(), "stdio"),
                Map.of(), null, null, ""));
        var config = new GatewayConfig("127.0.0.1:0",
                new GatewayConfig.Kafka(null, new GatewayConfig.Embedded(dir.resolve("kafka").toString(), 0)),
                dir.resolve("streams").toString(), dir.resolve("receipts").toString(), null, "policy.yaml", 10_000L, null,
                List.of(new GatewayConfig.AgentEntry("conformance", KEY, List.of(), Map.of())), servers);
        return new ConfigLoader.Loaded(config, "version: conformance\ndefault: allow\nrules: []\n", "conformance test");
    }

    private static HttpServer keyAddingProxy(Vertx vertx, Gateway gateway) {
        int port = Integer.parseInt(gateway.baseUrl().substring(gateway.baseUrl().lastIndexOf(':') + 1));
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient()).origin(port, "127.0.0.1")
                .addInterceptor(ProxyInterceptor.builder()
                        .transformingRequestHeaders(headers -> headers.set("Authorization", "Bearer " + KEY)).build());
        return vertx.createHttpServer().requestHandler(proxy).listen(0, "127.0.0.1").await();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server-everything did not listen on " + port);
    }
}
