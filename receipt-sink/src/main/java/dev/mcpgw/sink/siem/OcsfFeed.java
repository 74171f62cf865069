package dev.mcpgw.sink.siem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.sink.archive.JsonLinesFile;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends receipts on as OCSF events (see {@link OcsfApiActivity}) to the outputs configured. The
 * sink calls {@link #sync()} before it makes the archive durable and acknowledges the batch, so
 * every archived receipt has been delivered at least once; after a crash an event may come twice,
 * with the same {@code metadata.uid}.
 */
public final class OcsfFeed implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OcsfOutput output;
    private final KafkaProducer<String, String> producer;
    private final JsonLinesFile file;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final DeadLetterReporter deadLetters;

    public OcsfFeed(OcsfOutput output, String bootstrapServers, DeadLetterReporter deadLetters) throws IOException {
        this.output = output;
        this.deadLetters = deadLetters;
        this.producer = output.topic() == null ? null : new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer());
        this.file = output.file() == null ? null : JsonLinesFile.open(output.file());
    }

    /** Sends {@code receipt}'s event; a receipt that cannot be expressed as one is reported as a dead letter and passed over. */
    public void accept(Receipt receipt) throws IOException {
        String event;
        try {
            event = JSON.writeValueAsString(OcsfApiActivity.of(receipt, output.productVersion()));
        } catch (RuntimeException | JsonProcessingException e) {
            deadLetters.report("receipt-sink ocsf feed", Topics.RECEIPT.name(), 0, -1, null,
                    DeadLetters.reason("receipt " + receipt.getChain() + "/" + receipt.getSequence() + " not expressed as an OCSF event", e));
            return;
        }
        if (producer != null) {
            producer.send(new ProducerRecord<>(output.topic(), receipt.getChain() + "/" + receipt.getSequence(), event), (metadata, error) -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                }
            });
        }
        if (file != null) {
            file.append(event);
        }
    }

    /** Returns once every event accepted so far is delivered (topic) and on disk (file). */
    public void sync() throws IOException {
        if (producer != null) {
            producer.flush();
            Exception failure = sendFailure.get();
            if (failure != null) {
                throw new IOException("OCSF events could not be sent to " + output.topic(), failure);
            }
        }
        if (file != null) {
            file.sync();
        }
    }

    @Override
    public void close() throws IOException {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (file != null) {
            file.close();
        }
    }
}
