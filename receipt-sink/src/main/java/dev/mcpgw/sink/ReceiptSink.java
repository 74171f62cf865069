package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.kafka.DeadLetters;
import dev.mcpgw.kafka.ReceiptKeyTopic;
import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.ChainAlert;
import dev.mcpgw.schemas.Checkpoint;
import dev.mcpgw.schemas.ReceiptKey;
import dev.mcpgw.sink.archive.ReceiptArchive;
import dev.mcpgw.sink.siem.OcsfFeed;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows gateway.receipt and gateway.checkpoint as consumer group {@code receipt-sink}: verifies
 * every receipt against its chain as it arrives, archives the verified ones and the checkpoints
 * they reach (see {@link ReceiptArchive}), makes each batch durable with fsync and only then
 * commits its offsets. A restart resumes at the committed offsets with the chain heads the archive
 * holds, and recognises a batch archived but not acknowledged before a crash, so no archive line is
 * lost or written twice. When configured, each archived receipt also goes out as an OCSF event
 * (see {@link OcsfFeed}), delivered before the batch is acknowledged. On the first broken link it raises the alarm: an error log naming the
 * break, a record on gateway.alerts, and {@link #firstBreak} for health and metrics.
 */
public final class ReceiptSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptSink.class);
    /** A poll returns as soon as receipts arrive and {@link #close()} wakes it: an idle sink comes round with its fetches. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(TopicConsumers.TAILING_FETCH_WAIT_MS);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(500);
    /**
     * Once it has caught up, the sink lets receipts gather this long before it polls again: each
     * batch costs an fsync and an offset commit, and under load polling at once gave a batch of one
     * or two receipts per call. Nothing waits for the archive on a call's path.
     */
    private static final Duration GATHER = Duration.ofMillis(50);
    static final String COMPONENT = "receipt-sink";

    private final SinkSettings settings;
    /** Both topics have a single partition (see Topics). */
    private final TopicPartition receiptPartition;
    private final TopicPartition checkpointPartition;
    private final Thread thread;
    private KafkaConsumer<String, byte[]> consumer;
    private ReceiptArchive archive;
    private ArchivingVerifier work;
    private OcsfFeed feed;
    private DeadLetters deadLetters;
    private volatile boolean running = true;
    private volatile long verified;
    private volatile long archived;
    private volatile ChainBreak firstBreak;

    public ReceiptSink(SinkSettings settings) {
        this.settings = settings;
        this.receiptPartition = new TopicPartition(settings.receiptTopic(), 0);
        this.checkpointPartition = new TopicPartition(settings.checkpointTopic(), 0);
        this.thread = new Thread(this::run, "receipt-sink");
        thread.setDaemon(true);
    }

    /** Publishes and follows the writer schemas, opens (and recovers) the archive, then starts consuming. */
    public ReceiptSink start() throws IOException {
        SchemaTopic.publishAndFollow(settings.bootstrapServers());
        archive = ReceiptArchive.open(settings.archiveDir(), settings.receiptsPerSegment());
        KeyRing keys = KeyRing.readingFrom(() -> ReceiptKeyTopic.readAll(settings.bootstrapServers()));
        deadLetters = new DeadLetters(settings.bootstrapServers());
        feed = settings.ocsf() == null ? null : new OcsfFeed(settings.ocsf(), settings.bootstrapServers(), deadLetters);
        work = new ArchivingVerifier(archive, keys, settings.localSeals(), this::publishedKey, this::raiseAlarm, receipt -> {
            if (feed != null) {
                feed.accept(receipt);
            }
        });
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ReceiptArchive.MAX_BATCH,
                // A fetch is answered as soon as receipts arrive; an idle sink asks again every 5 s, not twice a second.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, TopicConsumers.TAILING_FETCH_WAIT_MS), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(settings.receiptTopic(), settings.checkpointTopic()));
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        handle(record);
                    }
                    if (feed != null) {
                        feed.sync();
                    }
                    archive.sync();
                    consumer.commitSync(acknowledged());
                    verified = work.verifiedCount();
                    archived = work.archivedCount();
                    if (caughtUp()) {
                        LockSupport.parkNanos(GATHER.toNanos());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("receipt sink woken up unexpectedly; stopped", e);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("receipt sink stopped: the archive in {} or the OCSF feed could not be written; nothing unwritten was acknowledged",
                    settings.archiveDir(), e);
        } finally {
            // Leaving the group takes a round trip to the coordinator; more time would only wait out
            // the fetch the broker holds, since nothing is left to commit.
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            closeArchive();
        }
    }

    /**
     * An unreadable or deleted receipt is a break in the trail (the alarm, and nothing archived
     * after it); an unreadable checkpoint is passed over, since the receipts still prove themselves.
     * Either is reported as a dead letter.
     */
    private void handle(ConsumerRecord<String, byte[]> record) throws IOException {
        if (record.topic().equals(settings.receiptTopic())) {
            Optional<GenericRecord> written = readable(record, Topics.RECEIPT_AS_WRITTEN.valueSerde());
            if (written.isPresent()) {
                work.receipt(record.offset(), written.get(), Topics.RECEIPT.valueSerde().deserializer().deserialize(record.topic(), record.value()));
            } else {
                work.unreadableReceipt(record.offset(), record.value() == null ? "a tombstone" : "an unreadable record");
            }
        } else {
            Optional<Checkpoint> checkpoint = readable(record, Topics.CHECKPOINT.valueSerde());
            if (checkpoint.isPresent()) {
                work.checkpoint(record.offset(), checkpoint.get());
            } else {
                work.passOverCheckpoint(record.offset());
            }
        }
    }

    private <V> Optional<V> readable(ConsumerRecord<String, byte[]> record, Serde<V> serde) {
        if (record.value() != null) {
            try {
                return Optional.of(serde.deserializer().deserialize(record.topic(), record.value()));
            } catch (SerializationException e) {
                deadLetters.report(COMPONENT, record.topic(), record.partition(), record.offset(), record.value(),
                        DeadLetters.reason("unreadable", e));
                return Optional.empty();
            }
        }
        deadLetters.report(COMPONENT, record.topic(), record.partition(), record.offset(), null, "tombstone");
        return Optional.empty();
    }

    /** Whether the last poll reached the end of the receipt topic, as far as the consumer knows without asking the broker. */
    private boolean caughtUp() {
        return consumer.currentLag(receiptPartition).orElse(1) == 0;
    }

    private Map<TopicPartition, OffsetAndMetadata> acknowledged() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        if (work.receiptPosition() >= 0) {
            offsets.put(receiptPartition, new OffsetAndMetadata(work.receiptPosition()));
        }
        if (work.checkpointPosition() >= 0) {
            offsets.put(checkpointPartition, new OffsetAndMetadata(work.checkpointPosition()));
        }
        return offsets;
    }

    private Optional<ReceiptKey> publishedKey(String keyId) {
        return ReceiptKeyTopic.readAll(settings.bootstrapServers()).stream().filter(k -> k.getKeyId().equals(keyId)).findFirst();
    }

    private void raiseAlarm(long offset, ChainBreak chainBreak) {
        firstBreak = chainBreak;
        LOG.error("receipt chain broken at offset {}: {}; archiving stopped", offset, chainBreak);
        ChainAlert alert = new ChainAlert(settings.receiptTopic(), offset, chainBreak.chain(), chainBreak.sequence(), chainBreak.check(),
                chainBreak.expected(), chainBreak.found(), System.currentTimeMillis());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getChain(), alert)).get();
        } catch (ExecutionException | KafkaException e) {
            LOG.error("could not publish the alert for {} to {}", chainBreak, Topics.ALERTS.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeArchive() {
        deadLetters.close();
        try {
            archive.close();
            if (feed != null) {
                feed.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the archive in {} or the OCSF feed failed", settings.archiveDir(), e);
        }
    }

    /** Receipts verified since this sink started (including those it found archived already). */
    public long verifiedCount() {
        return verified;
    }

    /** Receipts this sink wrote to the archive since it started. */
    public long archivedCount() {
        return archived;
    }

    public Optional<ChainBreak> firstBreak() {
        return Optional.ofNullable(firstBreak);
    }

    /** False once the sink has stopped, by {@link #close()} or because the archive failed. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        LockSupport.unpark(thread);
        thread.join(10_000);
    }
}
