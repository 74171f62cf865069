package dev.mcpgw.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.Receipt;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Records on gateway.schemas are untrusted: only a record schema stored under its own fingerprint is taken. */
class SchemaTopicTest {
    private static final Schema RECEIPT = Receipt.getClassSchema();

    @Test
    void shouldTakeARecordSchemaStoredUnderItsFingerprint() {
        assertThat(SchemaTopic.parse(SchemaTopic.key(RECEIPT), RECEIPT.toString())).contains(RECEIPT);
    }

    @Test
    void shouldRefuseASchemaStoredUnderAnotherSchemasFingerprint() {
        assertThat(SchemaTopic.parse(SchemaTopic.key(Intent.getClassSchema()), RECEIPT.toString())).isEmpty();
    }

    @Test
    void shouldRefuseAKeyThatIsNoFingerprint() {
        assertThat(SchemaTopic.parse("receipt", RECEIPT.toString())).isEmpty();
    }

    @Test
    void shouldRefuseTextThatDoesNotParseAsASchema() {
        assertThat(SchemaTopic.parse("0000000000000000", "{\"type\": \"record\", \"name\": ")).isEmpty();
        assertThat(SchemaTopic.parse("0000000000000000", "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"f\", \"type\": \"nothing\"}]}")).isEmpty();
    }

    @Test
    void shouldRefuseASchemaThatIsNoRecord() {
        Schema string = Schema.create(Schema.Type.STRING);

        assertThat(SchemaTopic.parse(SchemaTopic.key(string), string.toString())).isEmpty();
    }

    @Test
    void shouldRefuseASchemaLargerThanTheLimitWithoutParsingIt() {
        String huge = "{\"type\": \"record\", \"name\": \"R\", \"doc\": \"" + "x".repeat(SchemaTopic.MAX_SCHEMA_CHARS) + "\", \"fields\": []}";
        Schema parsed = new Schema.Parser().parse(huge);

        assertThat(SchemaTopic.parse(SchemaTopic.key(parsed), huge)).isEmpty();
    }

    @Test
    void shouldRefuseADeeplyNestedSchemaWithoutExhaustingTheStack() {
        int depth = 2_500;
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            deep.append("{\"type\":\"record\",\"name\":\"R").append(i).append("\",\"fields\":[{\"name\":\"f\",\"type\":");
        }
        deep.append("\"int\"").append("}]}".repeat(depth));

        assertThat(deep.length()).isLessThan(SchemaTopic.MAX_SCHEMA_CHARS);
        assertThat(SchemaTopic.parse("0000000000000000", deep.toString())).isEmpty();
    }

    @Test
    void shouldRefuseATombstone() {
        assertThat(SchemaTopic.parse(SchemaTopic.key(RECEIPT), null)).isEmpty();
        assertThat(SchemaTopic.parse(null, RECEIPT.toString())).isEmpty();
    }
}
