package dev.mcpgw.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The floor: one record produced (acks=all, idempotent, no linger) and consumed back, one at a
 * time, on the same broker. Nothing that goes through Kafka can answer faster than this.
 */
final class KafkaRoundTrip implements AutoCloseable {
    private static final String TOPIC = "bench.floor";
    private final SendAndReadBack client;

    KafkaRoundTrip(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        client = new SendAndReadBack(bootstrapServers, TOPIC, TOPIC, "read_uncommitted");
    }

    /** One round trip; runs on the caller's thread (the floor is measured one at a time). */
    CompletableFuture<Boolean> roundTrip() {
        return client.roundTrip();
    }

    @Override
    public void close() {
        client.close();
    }
}
