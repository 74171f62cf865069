package dev.mcpgw.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.schemas.AgentIdentity;
import dev.mcpgw.schemas.Decision;
import dev.mcpgw.schemas.Effect;
import dev.mcpgw.schemas.Intent;
import dev.mcpgw.schemas.PolicyDocument;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKind;
import dev.mcpgw.schemas.ReceiptRef;
import dev.mcpgw.schemas.ReplyAddress;
import dev.mcpgw.schemas.ReviewStatus;
import dev.mcpgw.schemas.ReviewTrail;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final AvroSerde<Receipt> receipts = new AvroSerde<>(Receipt.class);

    @Test
    void shouldReadAReceiptWrittenWithTheSchemaItHadBeforeReviewTrails() throws Exception {
        Receipt receipt = receipt();
        Schema first = AvroSerde.earlierVersions(Receipt.class).get(0);
        assertThat(first.getField("review")).isNull();
        GenericRecordBuilder old = new GenericRecordBuilder(first);
        first.getFields().forEach(field -> old.set(field.name(), receipt.get(field.name())));
        ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), first).encode(old.build());
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);

        assertThat(receipts.fromBytes(bytes)).isEqualTo(receipt);
    }

    @Test
    void shouldReadAReceiptWrittenBeforeIntentsHadTheirAuthorizationFields() throws Exception {
        Receipt receipt = receipt();
        Schema second = AvroSerde.earlierVersions(Receipt.class).get(1);
        assertThat(second.getField("intent").schema().getField("redeems")).isNull();

        assertThat(receipts.fromBytes(written(second, receipt))).isEqualTo(receipt);
    }

    @Test
    void shouldReadAnIntentWrittenBeforeItHadItsAuthorizationFields() throws Exception {
        Intent intent = receipt().getIntent();
        Schema first = AvroSerde.earlierVersions(Intent.class).get(0);

        assertThat(new AvroSerde<>(Intent.class).fromBytes(written(first, intent))).isEqualTo(intent);
    }

    @Test
    void shouldReadADecisionWrittenBeforeItSaidWhetherTheCallingClientsUserMayBeAsked() throws Exception {
        Decision decision = new Decision("i-1", Effect.REVIEW, List.of("r"), List.of("sent to review"), "v1",
                new ReceiptRef("propose-0", 3L, "ab"), new ReplyAddress("edge-1", 0), "mac", 90_000L, null);
        Schema second = AvroSerde.earlierVersions(Decision.class).get(1);
        assertThat(second.getField("askCallingUser")).isNull();

        assertThat(new AvroSerde<>(Decision.class).fromBytes(written(second, decision))).isEqualTo(decision);
    }

    @Test
    void shouldRoundTripAnIntentRedeemingAnAuthorization() {
        Intent intent = Intent.newBuilder(receipt().getIntent()).setRedeems("i-0").setAuthorizationTtlMs(60_000L).build();
        AvroSerde<Intent> intents = new AvroSerde<>(Intent.class);

        assertThat(intents.fromBytes(intents.toBytes(intent))).isEqualTo(intent);
    }

    /** {@code record} as a writer that knew only {@code schema} wrote it. */
    private static byte[] written(Schema schema, org.apache.avro.specific.SpecificRecord record) throws Exception {
        GenericRecordBuilder old = new GenericRecordBuilder(schema);
        schema.getFields().forEach(field -> old.set(field.name(), record.get(record.getSchema().getField(field.name()).pos())));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(old.build());
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    @Test
    void shouldRoundTripAReceiptWithAReviewTrail() {
        Receipt receipt = Receipt.newBuilder(receipt()).setKind(ReceiptKind.VERDICT)
                .setReview(ReviewTrail.newBuilder().setReviewReceipt(new ReceiptRef("propose-0", 0L, "a")).setStatus(ReviewStatus.APPROVED).build())
                .build();

        assertThat(receipts.fromBytes(receipts.toBytes(receipt))).isEqualTo(receipt);
    }

    @Test
    void shouldReadAnIntentOfANewerBuildWhoseSchemaIsPublishedSkippingTheFieldItDoesNotKnow() throws Exception {
        Intent intent = receipt().getIntent();
        Schema newer = withPurpose(Intent.getClassSchema());
        WriterSchemas writers = new WriterSchemas();
        writers.follow(() -> Map.of(WriterSchemas.fingerprint(newer), newer));

        assertThat(new AvroSerde<>(Intent.class, writers).fromBytes(writtenWithPurpose(newer, intent))).isEqualTo(intent);
    }

    @Test
    void shouldRefuseARecordWhoseWriterSchemaIsPublishedNowhere() throws Exception {
        Schema newer = withPurpose(Intent.getClassSchema());
        byte[] bytes = writtenWithPurpose(newer, receipt().getIntent());

        assertThatThrownBy(() -> new AvroSerde<>(Intent.class, new WriterSchemas()).fromBytes(bytes)).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRefuseARecordOfAPublishedSchemaThatNamesItsTypeButDoesNotResolveToIt() throws Exception {
        Schema forged = Schema.createRecord("Intent", null, "dev.mcpgw.schemas", false,
                List.of(new Schema.Field("intentId", Schema.create(Schema.Type.INT))));
        WriterSchemas writers = new WriterSchemas();
        writers.follow(() -> Map.of(WriterSchemas.fingerprint(forged), forged));
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), forged)
                .encode(new GenericRecordBuilder(forged).set("intentId", 7).build());
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        assertThatThrownBy(() -> new AvroSerde<>(Intent.class, writers).fromBytes(bytes)).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldGiveARecordAsItsWriterWroteItWithTheFieldsThisBuildDoesNotKnow() throws Exception {
        Schema newer = withPurpose(Intent.getClassSchema());
        WriterSchemas writers = new WriterSchemas();
        writers.follow(() -> Map.of(WriterSchemas.fingerprint(newer), newer));

        GenericRecord written = writers.asWritten(writtenWithPurpose(newer, receipt().getIntent()));

        assertThat(written.getSchema()).isEqualTo(newer);
        assertThat(written.get("purpose")).hasToString("quarterly report");
    }

    /** {@code record}'s schema with one more field, optional as a compatible upgrade adds it. */
    private static Schema withPurpose(Schema record) {
        List<Schema.Field> fields = new ArrayList<>(record.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field("purpose", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Why the agent says it calls.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    /** {@code intent} as a newer build that knows the purpose field wrote it. */
    private static byte[] writtenWithPurpose(Schema newer, Intent intent) throws Exception {
        GenericRecordBuilder upgraded = new GenericRecordBuilder(newer);
        intent.getSchema().getFields().forEach(field -> upgraded.set(field.name(), intent.get(field.pos())));
        upgraded.set("purpose", "quarterly report");
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(upgraded.build());
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    @Test
    void shouldRefuseBytesOfAnotherRecordType() {
        byte[] policy = new AvroSerde<>(PolicyDocument.class).toBytes(new PolicyDocument("v", "rules: []", 0L));

        assertThatThrownBy(() -> receipts.fromBytes(policy)).isInstanceOf(SerializationException.class);
    }

    private static Receipt receipt() {
        Intent intent = Intent.newBuilder().setIntentId("i-1").setEventTime(1).setServer("s").setTool("t").setArgumentsJson("{}")
                .setProtocolVersion("2025-11-25").setReplyTo(new ReplyAddress("edge", 0)).setContext(Map.of())
                .setAgent(AgentIdentity.newBuilder().setId("a").setCredential("api-key").setAttributes(Map.of()).build()).build();
        return Receipt.newBuilder().setChain("propose-0").setSequence(0).setPreviousHash("0").setIntent(intent).setPolicyVersion("p")
                .setEffect(Effect.ALLOW).setMatchedRules(List.of("r")).setReasons(List.of("because")).setTime(1).setKeyId("k")
                .setHash("h").setSignature("s").build();
    }
}
