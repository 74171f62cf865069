package dev.mcpgw.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serde for one generated record type, in Avro's single-object encoding: a two-byte marker
 * and the 64-bit fingerprint of the writer's schema before the binary record. A reader resolves the
 * writer's schema by that fingerprint ({@link WriterSchemas}: this build's, then those published on
 * gateway.schemas) and reads the record by Avro schema resolution, so a record written by an older
 * or a newer build reads (a field the reader lacks is skipped, one the writer lacked takes its
 * default); bytes of no known schema, or of another record type, are refused rather than misread.
 * No schema registry is involved (docs/architecture.md says why).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String name;

    public AvroSerde(Class<T> type) {
        this(type, WriterSchemas.shared());
    }

    /** Resolving writers' schemas with {@code writers}, which learns this type's. */
    AvroSerde(Class<T> type, WriterSchemas writers) {
        SpecificData model = SpecificData.getForClass(type);
        var schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, writers);
        writers.add(schema);
        earlierVersions(type).forEach(earlier -> {
            decoder.addSchema(earlier);
            writers.add(earlier);
        });
        this.name = schema.getName();
    }

    /**
     * The schemas {@code type} was written with before gateway.schemas existed, kept beside the class
     * as {@code Name.v1.avsc}, {@code Name.v2.avsc}...: records written then (on a topic, in a
     * store's changelog) carry only their fingerprint, and these, published at start, are how anyone
     * resolves it. A schema changed since is published by the build that writes it; it needs no file.
     */
    static List<Schema> earlierVersions(Class<?> type) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".v" + v + ".avsc")) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public byte[] toBytes(T value) {
        try {
            ByteBuffer encoded = encoder.encode(value);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T fromBytes(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException e) {
            throw new SerializationException("not a valid " + name + " record", e);
        }
    }

    /**
     * {@code bytes} exactly as their writer wrote them: a generic record of the writer's schema with
     * every field it wrote, known to this build or not; what a receipt's hash covers.
     */
    public static GenericRecord asWritten(byte[] bytes) {
        return WriterSchemas.shared().asWritten(bytes);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
