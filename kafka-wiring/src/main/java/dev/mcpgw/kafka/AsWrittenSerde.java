package dev.mcpgw.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Records of one type as their writers wrote them ({@link AvroSerde#asWritten}): what a receipt's
 * hash is checked over, whichever build wrote it. A record is read only if it also reads as the
 * type (so every field the type cannot do without is there); anything else is refused as the
 * typed serde refuses it. Writes a generic record with its own schema as the writer's.
 */
public final class AsWrittenSerde implements Serde<GenericRecord> {
    private final AvroSerde<?> typed;

    public AsWrittenSerde(AvroSerde<?> typed) {
        this.typed = typed;
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return (topic, record) -> record == null ? null : encode(record);
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            typed.fromBytes(bytes);
            return AvroSerde.asWritten(bytes);
        };
    }

    private static byte[] encode(GenericRecord record) {
        try {
            ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema()).encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
