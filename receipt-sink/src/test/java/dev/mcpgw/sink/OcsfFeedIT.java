package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.siem.OcsfOutput;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink sends every receipt it archives on as an OCSF event, to a topic and a file, for SIEM connectors. */
class OcsfFeedIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldSendEveryArchivedReceiptAsAnOcsfEventToTheTopicAndTheFile(@TempDir Path dir) throws Exception {
        List<Receipt> trail = RealTrail.receipts();
        String receipts = RealTrail.receiptTopicWith(trail);
        Topic<String, String> ocsf = RealTrail.copyOf(Topics.OCSF);
        Path file = dir.resolve("ocsf.jsonl");
        SinkSettings settings = SinkSettings.defaults(SharedKafka.bootstrapServers(), dir.resolve("archive"))
                .following(receipts, RealTrail.checkpointTopicWith(RealTrail.checkpoints()), "sink-" + receipts)
                .withOcsf(new OcsfOutput(ocsf.name(), file, "0.1.0"));

        try (ReceiptSink sink = new ReceiptSink(settings).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.archivedCount() == trail.size());
        }

        List<String> hashes = trail.stream().map(Receipt::getHash).toList();
        assertThat(uids(Files.readAllLines(file))).containsExactlyElementsOf(hashes);
        List<String> published = TopicIO.readUntil(ocsf, rs -> rs.size() >= trail.size(), Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(uids(published)).containsExactlyElementsOf(hashes);
        assertThat(JSON.readTree(published.get(0)).get("class_uid").asInt()).isEqualTo(6003);
    }

    private static List<String> uids(List<String> events) throws Exception {
        List<String> uids = new ArrayList<>();
        for (String event : events) {
            JsonNode json = JSON.readTree(event);
            uids.add(json.at("/metadata/uid").asText());
        }
        return uids;
    }
}
