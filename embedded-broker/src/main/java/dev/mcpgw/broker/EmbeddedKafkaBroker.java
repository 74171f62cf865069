package dev.mcpgw.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka node in both KRaft roles (broker and controller), in this JVM, on free loopback ports.
 * Used by {@code gateway up} when no bootstrap servers are configured, and by the tests. A log
 * directory that was already formatted is reused, so the gateway's history survives a restart.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final ListenerName CONTROLLER = ListenerName.normalised("CONTROLLER");
    private static final int REQUEST_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Path logDir;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, boolean deleteOnClose, int brokerPort) {
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
    }

    /** A broker whose data lives in a temporary directory removed on close. */
    public static EmbeddedKafkaBroker temporary() {
        try {
            return new EmbeddedKafkaBroker(Files.createTempDirectory("mcpgw-kafka"), true, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker whose data lives in {@code logDir} and is kept; {@code port} 0 picks a free one. */
    public static EmbeddedKafkaBroker persistent(Path logDir, int port) {
        return new EmbeddedKafkaBroker(logDir, false, port == 0 ? freePort() : port);
    }

    public synchronized EmbeddedKafkaBroker start() {
        int controllerPort = freePort();
        Properties props = brokerProperties(controllerPort);
        KafkaConfig config = new KafkaConfig(props, false);
        formatIfNeeded(controllerPort);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady();
        LOG.info("embedded Kafka broker ready at {} (data in {})", bootstrapServers(), logDir);
        return this;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    private Properties brokerProperties(int controllerPort) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER.value() + "://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", CONTROLLER.value()),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER.value() + ":PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "4"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "4"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Measured in shared/kafka-latency-floor.md: the 20 ms default backoff dominates
                // exactly-once commit latency under load.
                Map.entry("add.partitions.to.txn.retry.backoff.ms", "1"),
                // The controller writes a no-op record every 500 ms by default so that brokers can
                // tell stale metadata; with one node in both roles there is no other broker to
                // tell, and those writes kept the raft thread of an idle gateway busy.
                Map.entry("metadata.max.idle.interval.ms", "10000"),
                // After a crash the controller will not register this node's new incarnation until
                // the old one's session has run out (9 s by default), which set the restart time
                // after SIGKILL. Broker and controller share this JVM, so a pause stops both alike
                // and a short session cannot fence a broker the controller could still hear. Each
                // heartbeat wakes five threads of an idle gateway (docs/performance.md, Idle), so
                // one a second, not the 500 ms that would keep the session at 2.5 s.
                Map.entry("broker.heartbeat.interval.ms", "1000"),
                Map.entry("broker.session.timeout.ms", "3000"),
                // Each request thread wakes every 300 ms to look for work, and broker and controller
                // have a pool each (8 threads by default): an idle gateway's most frequent wake-ups.
                // A thread per core keeps the cores busy under load (docs/performance.md, Idle).
                Map.entry("num.io.threads", String.valueOf(REQUEST_THREADS)),
                // Each network thread wakes every 300 ms too, three per listener by default. The
                // controller's listener carries only the broker's heartbeat and its requests for
                // topic changes; the broker's keeps three (one cut throughput, docs/performance.md).
                Map.entry(CONTROLLER.configPrefix() + "num.network.threads", "1"),
                // The log cleaner keeps its key map on the heap for as long as it runs: 128 MB by
                // default, two thirds of an idle gateway's live heap, which made the collector run
                // its concurrent cycles every few seconds under load. 16 MB maps about 600,000 keys
                // a pass; a larger dirty section is cleaned in several passes.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024)),
                // The group coordinator's event threads (4 by default) each wake every 300 ms. The
                // node's groups are the gateway's own few, whose offset commits and heartbeats one
                // thread keeps up with at the gateway's highest rates (docs/performance.md, Idle).
                Map.entry("group.coordinator.threads", "1"),
                // The gateway uses no share group (they are off by default in 4.1), yet the state
                // persister for them starts a sender and a reaper waking every 200 ms; an empty
                // class name gives Kafka's no-op persister and no thread.
                Map.entry("group.share.persister.class.name", ""),
                Map.entry("auto.create.topics.enable", "false")));
        return props;
    }

    private void formatIfNeeded(int controllerPort) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setControllerListenerName(CONTROLLER.value())
                    .setMetadataLogDirectory(logDir.toString())
                    .run();
            LOG.info("formatted new Kafka log directory {}", logDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir, e);
        }
    }

    private void awaitReady() {
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(conf)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("embedded Kafka broker did not become ready", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
        if (deleteOnClose) {
            try {
                Utils.delete(logDir.toFile());
            } catch (IOException e) {
                LOG.warn("could not delete {}", logDir, e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
