package dev.mcpgw.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
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
 * and the 64-bit fingerprint of the writer's schema before the binary record. A reader therefore
 * refuses, rather than misreads, bytes that are not a record of its schema (garbage, or another
 * record type written to the wrong topic), and anyone holding the published schema can decode
 * a record without the project's code. No schema registry is involved (Confluent's registry serdes
 * are not on Maven Central).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    private final String name;

    public AvroSerde(Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        var schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        earlierVersions(type).forEach(decoder::addSchema);
        this.name = schema.getName();
    }

    /**
     * The schemas {@code type} was written with before its current one, kept beside the class as
     * {@code Name.v1.avsc}, {@code Name.v2.avsc}...: records written by an earlier release (on a
     * topic, in a store's changelog) are read into the current type instead of refused.
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

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
