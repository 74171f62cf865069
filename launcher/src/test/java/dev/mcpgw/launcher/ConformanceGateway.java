package dev.mcpgw.launcher;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyInterceptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A gateway fronting one tool server without prefix under an allow-all policy, for the conformance
 * suites. They cannot send credentials, so they reach it through a loopback reverse proxy that adds
 * the API key: {@link #url()}.
 */
final class ConformanceGateway implements AutoCloseable {
    private static final String KEY = "conformance-key";

    private final Gateway gateway;
    private final Vertx vertx = Vertx.vertx();
    private final String url;

    private ConformanceGateway(Gateway gateway) {
        this.gateway = gateway;
        int port = Integer.parseInt(gateway.baseUrl().substring(gateway.baseUrl().lastIndexOf(':') + 1));
        // The suites' clients open standalone streams they never close, and the proxy does not pass a
        // client's disconnect on: a small pool would soon be all held by them.
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(500)))
                .origin(port, "127.0.0.1")
                .addInterceptor(ProxyInterceptor.builder()
                        .transformingRequestHeaders(headers -> headers.set("Authorization", "Bearer " + KEY)).build());
        this.url = "http://127.0.0.1:" + vertx.createHttpServer().requestHandler(proxy).listen(0, "127.0.0.1").await().actualPort() + "/mcp";
    }

    /** A gateway (its broker, streams and receipts under {@code dir}) fronting {@code server}. */
    static ConformanceGateway fronting(GatewayConfig.ServerEntry server, Path dir) throws Exception {
        var config = new GatewayConfig("127.0.0.1:0",
                new GatewayConfig.Kafka(null, new GatewayConfig.Embedded(dir.resolve("kafka").toString(), 0)),
                dir.resolve("streams").toString(), dir.resolve("receipts").toString(), null, "policy.yaml", 10_000L, null,
                List.of(new GatewayConfig.AgentEntry("conformance", KEY, List.of(), Map.of(), null)), Map.of("server", server),
                null, null, null);
        return new ConformanceGateway(Gateway.start(
                new ConfigLoader.Loaded(config, "version: conformance\ndefault: allow\nrules: []\n", "conformance test")));
    }

    /** The gateway's MCP endpoint, through the proxy that adds the API key. */
    String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            vertx.close().await();
        }
    }
}
