package dev.mcpgw.launcher;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The HTTP face of a service run alone that has no other: {@code GET /healthz/live},
 * {@code /healthz/ready} (also {@code /healthz}), each 200 or 503 with the failing components, and
 * {@code /metrics} in Prometheus text.
 */
public final class ServiceEndpoint implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final String host;

    private ServiceEndpoint(Vertx vertx, HttpServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
    }

    /** Listens on {@code host:port} (0: any free port). */
    public static ServiceEndpoint start(String host, int port, ServiceHealth health, PrometheusMeterRegistry metrics) {
        Vertx vertx = Vertx.vertx();
        try {
            // HTTP/1.1 only: the JDK's HttpClient, which asks every plain-HTTP server to upgrade to
            // HTTP/2 by default, misreads large upgraded answers such as a stream's /metrics.
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(request -> answer(request, health, metrics)).listen(port, host).await();
            return new ServiceEndpoint(vertx, server, host);
        } catch (Exception e) {
            // Vert.x's await() rethrows a failure to listen as it is: a BindException is a checked one.
            vertx.close().await();
            throw e;
        }
    }

    private static void answer(HttpServerRequest request, ServiceHealth health, PrometheusMeterRegistry metrics) {
        switch (request.method().name() + " " + request.path()) {
            case "GET /healthz", "GET /healthz/ready" -> health(request, health, health.notReady());
            case "GET /healthz/live" -> health(request, health, health.notAlive());
            case "GET /metrics" -> request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
            default -> request.response().setStatusCode(404).end();
        }
    }

    private static void health(HttpServerRequest request, ServiceHealth health, List<String> failing) {
        boolean up = failing.isEmpty();
        request.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("service", health.service()).put("status", up ? "UP" : "DOWN")
                        .put("failing", new JsonArray(failing)).encode());
    }

    public String url() {
        return "http://" + host + ":" + server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
