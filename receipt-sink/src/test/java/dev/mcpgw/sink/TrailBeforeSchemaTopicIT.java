package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.SampleChains;
import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.WriterSchemas;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.SharedKafka;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data/ written before gateway.schemas existed: its records carry only their writer schema's
 * fingerprint (the oldest receipts that of Receipt.v1, from before review trails). The step every
 * gateway process takes at start publishes the schemas this build knows, after which a reader
 * with nothing of the project's code decodes every receipt from the topic alone, and audit verify
 * passes over the trail.
 */
class TrailBeforeSchemaTopicIT {
    @TempDir
    Path data;

    @Test
    void shouldMakeATrailWrittenBeforeTheSchemaTopicReadableByAnyoneAtStart() throws Exception {
        List<Receipt> trail = SampleChains.chain("propose-0", 4);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.persistent(data, 0).start()) {
            // Given a trail written as the build before this one wrote it, with no schema topic
            String bootstrap = broker.bootstrapServers();
            provision(bootstrap, Topics.ALL.stream().filter(t -> !t.name().equals(Topics.SCHEMAS.name())).toList());
            List<byte[]> written = new ArrayList<>();
            written.add(asReceiptV1(trail.get(0)));
            trail.subList(1, trail.size()).forEach(r -> written.add(Topics.RECEIPT.valueSerde().serializer().serialize(Topics.RECEIPT.name(), r)));
            writeReceipts(bootstrap, trail, written);

            // When a process of this build starts
            provision(bootstrap, Topics.ALL);
            SchemaTopic.publishAndFollow(bootstrap);

            // Then a reader outside the project decodes every receipt, and the trail verifies
            List<GenericRecord> decoded = OutsideReader.receipts(bootstrap);
            assertThat(decoded).extracting(r -> r.get("sequence")).containsExactly(0L, 1L, 2L, 3L);
            assertThat(decoded).extracting(r -> r.get("hash").toString()).containsExactlyElementsOf(trail.stream().map(Receipt::getHash).toList());
            assertThat(decoded.get(0).getSchema().getField("review")).isNull();
            VerificationReport report = new TopicVerifier(bootstrap, KeyRing.of(SampleChains.KEY.publicKey()))
                    .verify(Topics.RECEIPT.name(), Topics.CHECKPOINT.name());
            assertThat(report.intact()).isTrue();
            assertThat(report.verified()).isEqualTo(trail.size());
        } finally {
            // The process-wide schemas follow the shared broker again, not this one, which is gone.
            WriterSchemas.shared().follow(SharedKafka.bootstrapServers());
        }
    }

    /** {@code receipt} as the builds before review trails wrote it: with the schema now kept as Receipt.v1.avsc. */
    private static byte[] asReceiptV1(Receipt receipt) throws Exception {
        Schema v1;
        try (InputStream in = Receipt.class.getResourceAsStream("Receipt.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        GenericRecordBuilder old = new GenericRecordBuilder(v1);
        v1.getFields().forEach(field -> old.set(field.name(), receipt.get(field.name())));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old.build());
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    private static void writeReceipts(String bootstrap, List<Receipt> trail, List<byte[]> written) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < trail.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.RECEIPT.name(), trail.get(i).getChain() + "/" + i, written.get(i))).get();
            }
        }
    }

    private static void provision(String bootstrap, List<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            new TopicProvisioner(admin).ensure(topics);
        }
    }
}
