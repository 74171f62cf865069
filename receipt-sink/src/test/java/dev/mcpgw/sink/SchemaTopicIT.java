package dev.mcpgw.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.WriterSchemas;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.testsupport.SharedKafka;
import dev.mcpgw.testsupport.TopicIO;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** gateway.schemas on a real broker, written to by writers that cannot all be trusted. */
class SchemaTopicIT {
    @Test
    void shouldResolveASchemaPublishedOnTheTopic() {
        Schema published = Schema.createRecord("Published" + UUID.randomUUID().toString().replace("-", ""), null, "test", false,
                List.of(new Schema.Field("f", Schema.create(Schema.Type.STRING))));

        SchemaTopic.publish(SharedKafka.bootstrapServers(), List.of(published));

        assertThat(SchemaTopic.readAll(SharedKafka.bootstrapServers())).containsEntry(WriterSchemas.fingerprint(published), published);
    }

    @Test
    void shouldRefuseRecordsThatAreNoSchemaOrNotStoredUnderTheirFingerprint() {
        Schema other = Schema.createRecord("Other" + UUID.randomUUID().toString().replace("-", ""), null, "test", false,
                List.of(new Schema.Field("f", Schema.create(Schema.Type.INT))));
        String garbageKey = "00000000000000" + "ff";
        String forgedKey = "00000000000000" + "fe";

        write(garbageKey, "{\"type\": \"record\", \"name\": ");
        write(forgedKey, other.toString());
        write(SchemaTopic.key(other) + "0", other.toString());
        write("0000000000000fd", "\"" + "x".repeat(300_000) + "\"");

        assertThat(SchemaTopic.readAll(SharedKafka.bootstrapServers())).doesNotContainKeys(Long.parseUnsignedLong(garbageKey, 16),
                Long.parseUnsignedLong(forgedKey, 16)).doesNotContainValue(other);
    }

    @Test
    void shouldKeepThisBuildsSchemaWhenTheTopicHoldsAVariantUnderItsFingerprint() {
        // Same parsing canonical form, so the same fingerprint, but the review trail no longer left out of hashes while null.
        Schema variant = new Schema.Parser().parse(Receipt.getClassSchema().toString().replace("\"omitWhenNull\":true", "\"omitWhenNull\":false"));
        assertThat(SchemaTopic.key(variant)).isEqualTo(SchemaTopic.key(Receipt.getClassSchema()));
        write(SchemaTopic.key(variant), variant.toString());

        WriterSchemas.shared().follow(SharedKafka.bootstrapServers());

        Schema resolved = WriterSchemas.shared().findByFingerprint(WriterSchemas.fingerprint(Receipt.getClassSchema()));
        assertThat(resolved.getField("review").getObjectProp("omitWhenNull")).isEqualTo(true);
    }

    private static void write(String key, String value) {
        TopicIO.writeBytes(Topics.SCHEMAS.name(), key, value.getBytes(StandardCharsets.UTF_8));
    }
}
