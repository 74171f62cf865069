package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.kafka.KafkaReachability;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.stream.DecisionStreamApp;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each of the four services run alone as its own command ({@code gateway edge}, {@code stream},
 * {@code sink}, {@code review serve}) in a JVM of its own against the test broker: it reports
 * itself live and ready on {@code /healthz}, serves Prometheus metrics, and stops cleanly on
 * SIGTERM. A service whose Kafka cluster goes away stays live but is no longer ready; the decision
 * stream is ready only while Kafka Streams is RUNNING.
 */
class ServicesAloneIT {
    private static final Path LOGS = Path.of("target");
    private static final Duration READY_WITHIN = Duration.ofSeconds(30);

    @Test
    void shouldReportTheDecisionStreamReadyAndStopItCleanlyWhenItRunsAlone(@TempDir Path dir) throws Exception {
        // given
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("alone", "default: deny\nrules: []\n", 0L), 0L);
        try (ServiceProcess stream = ServiceProcess.start(LOGS.resolve("alone-stream.log"), "decision stream running", "stream",
                "--bootstrap-servers", SharedKafka.bootstrapServers(), "--state-dir", dir.resolve("streams").toString(),
                "--key-dir", dir.resolve("keys").toString(), "--health-listen", "127.0.0.1:0")) {
            // when
            awaitReady(stream);

            // then
            assertThat(stream.get("/healthz/live").statusCode()).isEqualTo(200);
            assertThat(stream.get("/metrics").body()).contains("mcpgw_kafka_reachable 1.0", "kafka_stream_", "mcpgw_dead_letters_stream");
            assertThat(dir.resolve("keys").resolve("decision.key")).exists();
            assertThat(stream.stop()).isEqualTo("decision stream stopped");
        }
    }

    @Test
    void shouldReportTheReceiptSinkReadyAndStopItCleanlyWhenItRunsAlone(@TempDir Path dir) throws Exception {
        // given
        try (ServiceProcess sink = ServiceProcess.start(LOGS.resolve("alone-sink.log"), "receipt sink running", "sink",
                "--bootstrap-servers", SharedKafka.bootstrapServers(), "--archive", dir.resolve("receipts").toString(),
                "--group", "alone-sink-" + System.nanoTime(), "--health-listen", "127.0.0.1:0")) {
            // when
            awaitReady(sink);

            // then
            assertThat(sink.get("/healthz/live").statusCode()).isEqualTo(200);
            assertThat(sink.get("/metrics").body()).contains("mcpgw_kafka_reachable 1.0", "mcpgw_receipt_chain_intact 1.0", "mcpgw_receipts_verified");
            assertThat(sink.stop()).isEqualTo("receipt sink stopped");
        }
    }

    @Test
    void shouldReportTheReviewServiceReadyAndServeItsPageWhenItRunsAlone(@TempDir Path dir) throws Exception {
        // given
        Path config = config(dir, SharedKafka.bootstrapServers());
        try (ServiceProcess review = ServiceProcess.start(LOGS.resolve("alone-review.log"), "review service running", "review", "serve",
                "--config", config.toString(), "--bootstrap-servers", SharedKafka.bootstrapServers(), "--health-listen", "127.0.0.1:0")) {
            // when
            awaitReady(review);

            // then
            assertThat(review.get("/metrics").body()).contains("mcpgw_kafka_reachable 1.0", "mcpgw_reviews_pending");
            assertThat(review.stop()).isEqualTo("review service stopped");
        }
    }

    @Test
    void shouldReportTheEdgeReadyWithItsOwnDecidePartitionWhenItRunsAlone(@TempDir Path dir) throws Exception {
        // given
        Path config = config(dir, SharedKafka.bootstrapServers());
        try (ServiceProcess edge = ServiceProcess.start(LOGS.resolve("alone-edge.log"), "MCP edge running", "edge", "--config", config.toString())) {
            // when
            awaitReady(edge);

            // then
            assertThat(edge.firstLine()).contains("reading decide partition 3");
            assertThat(edge.get("/healthz/live").statusCode()).isEqualTo(200);
            assertThat(edge.get("/metrics").body()).contains("mcpgw_kafka_reachable 1.0", "mcpgw_pending_decisions 0.0");
            assertThat(edge.stop()).isEqualTo("MCP edge stopped");
        }
    }

    @Test
    void shouldStayLiveButStopBeingReadyWhileItsKafkaClusterIsGone(@TempDir Path dir) throws Exception {
        // given
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL);
        }
        try (ServiceProcess sink = ServiceProcess.start(LOGS.resolve("alone-sink-kafka-gone.log"), "receipt sink running", "sink",
                "--bootstrap-servers", broker.bootstrapServers(), "--archive", dir.resolve("receipts").toString(), "--health-listen", "127.0.0.1:0")) {
            awaitReady(sink);

            // when
            broker.close();

            // then
            await().atMost(READY_WITHIN).until(() -> sink.get("/healthz").statusCode() == 503);
            JsonObject health = new JsonObject(sink.get("/healthz/ready").body());
            assertThat(health.getString("status")).isEqualTo("DOWN");
            assertThat(health.getJsonArray("failing").getList()).containsExactly("kafka");
            assertThat(sink.get("/healthz/live").statusCode()).isEqualTo(200);
            assertThat(sink.get("/metrics").body()).contains("mcpgw_kafka_reachable 0.0");
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldStopReportingTheEdgeReadyWhileItsKafkaClusterIsGone(@TempDir Path dir) throws Exception {
        // given
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.temporary().start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            new TopicProvisioner(admin).ensure(Topics.ALL);
        }
        Path config = config(dir, broker.bootstrapServers());
        try (ServiceProcess edge = ServiceProcess.start(LOGS.resolve("alone-edge-kafka-gone.log"), "MCP edge running", "edge", "--config", config.toString())) {
            awaitReady(edge);

            // when
            broker.close();

            // then
            await().atMost(READY_WITHIN).until(() -> edge.get("/healthz/ready").statusCode() == 503);
            assertThat(new JsonObject(edge.get("/healthz").body()).getJsonArray("failing").getList()).contains("kafka");
            assertThat(edge.get("/healthz/live").statusCode()).isEqualTo(200);
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldNotBeReadyUntilTheDecisionStreamRunsNorAliveOnceItHasStopped(@TempDir Path dir) throws Exception {
        // given
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("alone", "default: deny\nrules: []\n", 0L), 0L);
        DecisionStreamApp stream = new DecisionStreamApp(DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), dir));
        try (KafkaReachability kafka = KafkaReachability.watching(SharedKafka.bootstrapServers(), Duration.ofMillis(500))) {
            ServiceHealth health = ServiceHealth.of(stream, kafka);
            await().atMost(READY_WITHIN).until(kafka::isReachable);
            assertThat(health.notReady()).containsExactly("decision-stream");
            assertThat(health.notAlive()).isEmpty();

            // when
            stream.startAndAwaitRunning(READY_WITHIN);

            // then
            assertThat(health.notReady()).isEmpty();
            stream.close();
            assertThat(health.notAlive()).containsExactly("stream-threads");
            assertThat(health.notReady()).contains("stream-threads", "decision-stream");
        } finally {
            stream.close();
        }
    }

    private static void awaitReady(ServiceProcess service) {
        await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> service.get("/healthz").statusCode() == 200);
        HttpResponse<String> ready = service.get("/healthz/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("UP");
    }

    /** An edge and review config of the shape the compose stack uses: Kafka given, a demo tool server, one agent, one approver. */
    private static Path config(Path dir, String bootstrapServers) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), "default: deny\nrules:\n  - {id: echo-ok, effect: allow, tools: [echo]}\n");
        return Files.writeString(dir.resolve("gateway.yaml"), """
                listen: 127.0.0.1:0
                kafka: {bootstrapServers: "%s"}
                stateDir: "%s"
                policy: policy.yaml
                edge: {decidePartition: 3}
                agents:
                  - {id: alone-agent, apiKey: alone-agent-key}
                review:
                  listen: 127.0.0.1:0
                  approvers:
                    - {id: alone-reviewer, password: alone-reviewer-password}
                mcpServers:
                  demo:
                    command: ${java}
                    args: ["-Xmx128m", "-cp", "${gateway.classpath}", "dev.mcpgw.demo.DemoServer"]
                """.formatted(bootstrapServers, dir.resolve("keys")));
    }
}
