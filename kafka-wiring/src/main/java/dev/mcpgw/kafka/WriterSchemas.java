package dev.mcpgw.kafka;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The writer schemas this process can read records of, by the 64-bit fingerprint single-object
 * encoding puts before each record: this build's (each record type's current schema and the earlier
 * ones it keeps), then, once it follows {@link SchemaTopic}, those other builds published there.
 * The first schema known under a fingerprint stays: CRC-64 is no defence against a crafted
 * collision, so a schema record cannot replace one this build or an earlier record gave. A
 * fingerprint found nowhere reads what was published since the last look (one request to the
 * broker when nothing was), so a schema published a moment before its first record is found.
 */
public final class WriterSchemas implements SchemaStore {
    private static final WriterSchemas SHARED = new WriterSchemas();
    private final Map<Long, Schema> known = new ConcurrentHashMap<>();
    /** Reads each record with its writer's schema as the reader's too: nothing resolved away. */
    private final BinaryMessageDecoder<GenericRecord> written = new BinaryMessageDecoder<>(GenericData.get(), null, this);
    private Supplier<Map<Long, Schema>> published = Map::of;

    WriterSchemas() {
    }

    /** The schemas every serde of this process resolves writers' fingerprints with. */
    public static WriterSchemas shared() {
        return SHARED;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    void add(Schema schema) {
        known.putIfAbsent(fingerprint(schema), schema);
    }

    /** Every schema known so far: what a writer of this build publishes before it writes. */
    public List<Schema> known() {
        return List.copyOf(known.values());
    }

    /** From now on, a fingerprint not known yet is looked up in what {@code newSchemas} gives: the schemas published since it was last asked. */
    public synchronized void follow(Supplier<Map<Long, Schema>> newSchemas) {
        if (published instanceof AutoCloseable reader) {
            SchemaTopic.closeQuietly(reader);
        }
        published = newSchemas;
    }

    /** Follows gateway.schemas on {@code bootstrapServers}, reading what is there now. */
    public void follow(String bootstrapServers) {
        SchemaTopic.Reader reader = new SchemaTopic.Reader(bootstrapServers);
        reader.get().forEach(known::putIfAbsent);
        follow(reader);
    }

    /** {@code bytes} as their writer wrote them, a generic record of the writer's schema (see {@link AvroSerde#asWritten}). */
    public GenericRecord asWritten(byte[] bytes) {
        try {
            return written.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new SerializationException("not a record of a known writer schema", e);
        }
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        Schema schema = known.get(fingerprint);
        if (schema != null) {
            return schema;
        }
        synchronized (this) {
            published.get().forEach(known::putIfAbsent);
        }
        return known.get(fingerprint);
    }
}
