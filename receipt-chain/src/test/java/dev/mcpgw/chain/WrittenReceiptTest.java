package dev.mcpgw.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Receipt;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * A receipt's hash covers what its writer wrote: read with the writer's schema, a receipt verifies
 * whichever build reads it, including fields the reading build has never heard of.
 */
class WrittenReceiptTest {
    private static final Schema UPGRADED = withPurpose(Receipt.getClassSchema());
    private final ReceiptHasher hasher = new ReceiptHasher();

    @Test
    void shouldHashAReceiptReadAsWrittenAsItsGeneratedClassHashesIt() throws Exception {
        Receipt receipt = SampleChains.chain("propose-0", 1).get(0);

        GenericRecord written = read(encode(receipt), Receipt.getClassSchema(), Receipt.getClassSchema());

        assertThat(hasher.hash(written)).isEqualTo(receipt.getHash());
    }

    @Test
    void shouldNotHashAReceiptAsAReaderWhoseSchemaGainedAFieldReadsIt() throws Exception {
        Receipt receipt = SampleChains.chain("propose-0", 1).get(0);

        GenericRecord projected = read(encode(receipt), Receipt.getClassSchema(), UPGRADED);

        assertThat(hasher.hash(projected)).isNotEqualTo(receipt.getHash());
    }

    @Test
    void shouldVerifyAReceiptWhoseWriterWroteAFieldThisBuildLacks() throws Exception {
        List<Receipt> older = SampleChains.chain("propose-0", 2);
        GenericRecord newer = sealedAfter(older.get(1), "monthly audit");

        ChainVerifier verifier = new ChainVerifier(hasher, KeyRing.of(SampleChains.KEY.publicKey()));

        assertThat(older).allSatisfy(r -> assertThat(verifier.accept(r)).isEmpty());
        assertThat(verifier.accept(newer)).isEmpty();
        assertThat(verifier.verifiedCount()).isEqualTo(3);
    }

    @Test
    void shouldFindAnEditOfAFieldThisBuildLacks() throws Exception {
        List<Receipt> older = SampleChains.chain("propose-0", 2);
        GenericRecord newer = sealedAfter(older.get(1), "monthly audit");
        newer.put("purpose", "nothing to see");

        ChainVerifier verifier = new ChainVerifier(hasher, KeyRing.of(SampleChains.KEY.publicKey()));
        older.forEach(verifier::accept);

        assertThat(verifier.accept(newer)).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.check()).isEqualTo("receipt hash");
        });
    }

    /** The next receipt after {@code head}, as a build whose Receipt has a purpose field writes and seals it. */
    private GenericRecord sealedAfter(Receipt head, String purpose) throws Exception {
        GenericRecord next = read(encode(SampleChains.unlinked(2)), Receipt.getClassSchema(), UPGRADED);
        next.put("chain", head.getChain());
        next.put("sequence", head.getSequence() + 1);
        next.put("previousHash", head.getHash());
        next.put("keyId", SampleChains.KEY.keyId());
        next.put("purpose", purpose);
        String hash = hasher.hash(next);
        next.put("hash", hash);
        next.put("signature", ReceiptSignature.sign(SampleChains.KEY, hash));
        return next;
    }

    private static byte[] encode(Receipt receipt) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(Receipt.class).write(receipt, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord read(byte[] bytes, Schema writer, Schema reader) throws Exception {
        return new GenericDatumReader<GenericRecord>(writer, reader).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    /** {@code record}'s schema with one more optional field, as a compatible upgrade adds it (not marked omitWhenNull). */
    private static Schema withPurpose(Schema record) {
        List<Schema.Field> fields = new ArrayList<>(record.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field("purpose", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "Why the agent says it calls.", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
