package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.chain.ReceiptSignature;
import dev.mcpgw.chain.SigningKey;
import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.sink.replay.ReceiptFilter;
import dev.mcpgw.sink.replay.ReceiptReplay;
import dev.mcpgw.sink.siem.OcsfApiActivity;
import dev.mcpgw.stream.DecisionStreamApp;
import dev.mcpgw.testsupport.SampleIntents;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trail written across an upgrade. The release's schemas are kept as fixtures
 * (src/test/resources/release-schemas, copies of the generated schemas when this test was written);
 * the upgrade adds an optional field, purpose, to Intent, Decision and Receipt. The real decision
 * stream decides with this build's schemas, keeps deciding on the same topics and state when an
 * upgraded edge proposes, and an upgraded stream (played here with generic records of the upgraded
 * schemas, sealed with the same key) continues the chain: audit verify of this build passes over
 * the whole trail, receipts with and without the field alike, and replay and the OCSF mapping read
 * them all, and the receipt sink archives every receipt with every field its writer wrote.
 */
class SchemaUpgradeIT {
    private static final String AGENT = "upgrade-test-agent";
    private static final String PURPOSE = "quarterly report";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldVerifyATrailWrittenAcrossAnUpgradeThatAddsAnOptionalField(@TempDir Path archive, @TempDir Path streamState) throws Exception {
        // Given the upgrade's schemas, each the release's with an optional purpose field
        Schema upgradedIntent = upgraded("Intent.avsc");
        Schema upgradedReceipt = upgraded("Receipt.avsc");
        TopicIO.write(Topics.POLICY, Topics.ACTIVE_POLICY_KEY, new PolicyDocument("v", "default: allow", 0L), 0L);
        var settings = DecisionStreamApp.Settings.defaults(SharedKafka.bootstrapServers(), streamState);
        List<Receipt> decided;
        try (var stream = new DecisionStreamApp(settings)) {
            stream.start();
            await().atMost(Duration.ofSeconds(60)).until(stream::isRunning);

            // When this build's edge proposes, then an upgraded edge that published its schema first
            for (int i = 0; i < 3; i++) {
                TopicIO.write(Topics.PROPOSE, AGENT, intent(i), 1000L + i);
            }
            SchemaTopic.publish(SharedKafka.bootstrapServers(), List.of(upgradedIntent));
            for (int i = 3; i < 6; i++) {
                GenericRecord upgraded = convert(intent(i), upgradedIntent);
                upgraded.put("purpose", PURPOSE);
                TopicIO.writeBytes(Topics.PROPOSE.name(), AGENT, singleObject(upgraded));
            }
            decided = TopicIO.readUntil(Topics.RECEIPT, rs -> mine(rs).size() >= 6, Duration.ofSeconds(60)).stream()
                    .map(ConsumerRecord::value).filter(SchemaUpgradeIT::isMine).toList();
        }

        // Then the stream decided every intent, reading the upgraded ones without the field it does not know
        assertThat(decided).hasSize(6).allSatisfy(r -> assertThat(r.getEffect()).isEqualTo(Effect.ALLOW));
        String chain = decided.get(0).getChain();

        // When an upgraded stream continues the chain with receipts sealed over the new field
        SchemaTopic.publish(SharedKafka.bootstrapServers(), List.of(upgradedReceipt));
        List<GenericRecord> trail = new ArrayList<>(TopicIO.readUntil(Topics.RECEIPT_AS_WRITTEN,
                        rs -> rs.stream().filter(r -> r.value() != null && r.value().get("hash").toString().equals(decided.get(5).getHash())).count() == 1,
                        Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).filter(r -> r != null && r.get("chain").toString().equals(chain)).toList());
        SigningKey key = settings.chain().signingKey();
        for (int i = 6; i < 8; i++) {
            trail.add(sealedAfter(trail.get(trail.size() - 1), decided.get(5), upgradedReceipt, key));
        }
        Topic<String, GenericRecord> copy = RealTrail.copyOf(Topics.RECEIPT_AS_WRITTEN);
        TopicIO.writeAll(copy, trail.stream().map(r -> Map.entry(r.get("chain") + "/" + r.get("sequence"), r)).toList());
        String noCheckpoints = RealTrail.checkpointTopicWith(List.of());

        // Then audit verify of this build passes over the whole chain, older receipts and newer alike
        VerificationReport report = new TopicVerifier(SharedKafka.bootstrapServers()).verify(copy.name(), noCheckpoints);

        assertThat(report.firstBreak()).isEmpty();
        assertThat(report.verified()).isEqualTo(trail.size());
        assertThat(trail.get(trail.size() - 1).get("purpose")).hasToString(PURPOSE);

        // And the receipt sink of this build verifies and archives every receipt, each line with every field its writer wrote
        SinkSettings sinkSettings = SinkSettings.defaults(SharedKafka.bootstrapServers(), archive.resolve("archive"))
                .following(copy.name(), noCheckpoints, "sink-" + copy.name());
        try (ReceiptSink sink = new ReceiptSink(sinkSettings).start()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> sink.archivedCount() == trail.size() || sink.firstBreak().isPresent());
            assertThat(sink.firstBreak()).isEmpty();
        }
        try (var lines = Files.lines(archive.resolve("archive").resolve("receipts-00000001.jsonl"))) {
            assertThat(lines.filter(line -> line.contains("\"purpose\":\"" + PURPOSE + "\"")).count()).isEqualTo(2);
        }

        // And replay and the OCSF feed of this build read every receipt, the upgraded ones without the field they do not know
        List<Receipt> replayed = new ArrayList<>();
        new ReceiptReplay(SharedKafka.bootstrapServers()).replay(copy.name(), new ReceiptFilter(null, null, AGENT, null, null),
                (offset, receipt) -> replayed.add(receipt));
        assertThat(replayed).hasSize(8);
        assertThat(replayed).allSatisfy(r -> assertThat(OcsfApiActivity.of(r, "test").path("api").path("request").path("uid").asText())
                .isEqualTo(r.getIntent().getIntentId()));
    }

    @Test
    void shouldReadADecisionOfAnUpgradedStreamFromItsPublishedSchema() throws Exception {
        Schema upgradedDecision = upgraded("Decision.avsc");
        Decision decision = new Decision("i-1", Effect.ALLOW, List.of("r"), List.of("allowed"), "v1",
                new ReceiptRef("propose-0", 3L, "ab"), new ReplyAddress("edge-1", 0), "mac", null, null);
        GenericRecord upgraded = convert(decision, upgradedDecision);
        upgraded.put("purpose", PURPOSE);

        SchemaTopic.publish(SharedKafka.bootstrapServers(), List.of(upgradedDecision));
        TopicIO.writeBytes(Topics.DECIDE.name(), "i-1", singleObject(upgraded));
        // This build's reader, as each of its processes does at start (this test may be the JVM's first to read).
        SchemaTopic.publishAndFollow(SharedKafka.bootstrapServers());
        var read = TopicIO.readUntil(Topics.DECIDE, rs -> rs.stream().anyMatch(r -> decision.equals(r.value())), Duration.ofSeconds(30));

        assertThat(read).anySatisfy(r -> assertThat(r.value()).isEqualTo(decision));
    }

    /** The receipt after {@code head}, as an upgraded stream seals it: its purpose and its intent's are set. */
    private static GenericRecord sealedAfter(GenericRecord head, Receipt template, Schema upgradedReceipt, SigningKey key) throws Exception {
        GenericRecord next = convert(template, upgradedReceipt);
        next.put("purpose", PURPOSE);
        ((GenericRecord) next.get("intent")).put("purpose", PURPOSE);
        next.put("sequence", (Long) head.get("sequence") + 1);
        next.put("previousHash", head.get("hash").toString());
        next.put("keyId", key.keyId());
        String hash = new ReceiptHasher().hash(next);
        next.put("hash", hash);
        next.put("signature", ReceiptSignature.sign(key, hash));
        return next;
    }

    /** The release's schema {@code file} with an optional purpose field on Intent, Decision and Receipt wherever they are defined. */
    private static Schema upgraded(String file) throws Exception {
        JsonNode schema;
        try (InputStream in = SchemaUpgradeIT.class.getResourceAsStream("/release-schemas/" + file)) {
            schema = JSON.readTree(in);
        }
        addPurpose(schema);
        return new Schema.Parser().parse(schema.toString());
    }

    private static void addPurpose(JsonNode node) {
        if (node instanceof ObjectNode object && "record".equals(object.path("type").asText())
                && List.of("Intent", "Decision", "Receipt").contains(object.path("name").asText())) {
            ObjectNode purpose = ((ArrayNode) object.get("fields")).addObject();
            purpose.put("name", "purpose");
            purpose.putArray("type").add("null").add("string");
            purpose.putNull("default");
        }
        node.forEach(SchemaUpgradeIT::addPurpose);
    }

    /** {@code record} read into {@code schema} by Avro schema resolution, as a generic record. */
    private static GenericRecord convert(SpecificRecord record, Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), schema).read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] singleObject(GenericRecord record) throws Exception {
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static List<ConsumerRecord<String, Receipt>> mine(List<ConsumerRecord<String, Receipt>> records) {
        return records.stream().filter(r -> isMine(r.value())).toList();
    }

    private static boolean isMine(Receipt receipt) {
        return receipt != null && receipt.getIntent().getAgent().getId().equals(AGENT);
    }

    private static Intent intent(int i) {
        return SampleIntents.intent().setEventTime(1000L + i).setAgent(SampleIntents.agent(AGENT))
                .setServer("files").setTool("read_file").setArgumentsJson("{\"path\":\"/tmp/upgrade-" + i + "\"}").build();
    }
}
