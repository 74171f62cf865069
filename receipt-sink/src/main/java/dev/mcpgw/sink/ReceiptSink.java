package dev.mcpgw.sink;

import dev.mcpgw.chain.ChainBreak;
import dev.mcpgw.chain.ChainVerifier;
import dev.mcpgw.chain.KeyRing;
import dev.mcpgw.chain.ReceiptHasher;
import dev.mcpgw.schemas.ChainAlert;
import dev.mcpgw.schemas.PollLoop;
import dev.mcpgw.schemas.Receipt;
import dev.mcpgw.schemas.ReceiptKeyTopic;
import dev.mcpgw.schemas.TopicConsumers;
import dev.mcpgw.schemas.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows gateway.receipt from its beginning, verifying every receipt against its chain as it
 * arrives, and raises the alarm on the first broken link: an error log naming the break, a record
 * on gateway.alerts, and {@link #firstBreak} for health and metrics. Reading
 * from the beginning on every start keeps the verifier's chain heads exact without a side store.
 */
public final class ReceiptSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptSink.class);

    private final ChainVerifier verifier;
    private final AtomicReference<ChainBreak> firstBreak = new AtomicReference<>();
    private final PollLoop<String, Receipt> loop;
    private final String bootstrapServers;
    private final String topic;
    private volatile long verified;

    public ReceiptSink(String bootstrapServers) {
        this(bootstrapServers, Topics.RECEIPT.name());
    }

    /** A sink following another receipt topic (a copy under audit, for instance). */
    public ReceiptSink(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.verifier = new ChainVerifier(new ReceiptHasher(), KeyRing.readingFrom(() -> ReceiptKeyTopic.readAll(bootstrapServers)));
        this.loop = new PollLoop<>("receipt-sink", TopicConsumers.fromBeginning(bootstrapServers, topic, Topics.RECEIPT), this::verify);
    }

    public ReceiptSink start() {
        loop.start();
        return this;
    }

    private void verify(ConsumerRecord<String, Receipt> record) {
        Optional<ChainBreak> broken = verifier.accept(record.value());
        verified = verifier.verifiedCount();
        if (broken.isPresent() && firstBreak.compareAndSet(null, broken.get())) {
            LOG.error("receipt chain broken at offset {}: {}", record.offset(), broken.get());
            raiseAlert(record.offset(), broken.get());
        }
    }

    private void raiseAlert(long offset, ChainBreak chainBreak) {
        ChainAlert alert = new ChainAlert(topic, offset, chainBreak.chain(), chainBreak.sequence(), chainBreak.check(),
                chainBreak.expected(), chainBreak.found(), System.currentTimeMillis());
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getChain(), alert)).get();
        } catch (ExecutionException | KafkaException e) {
            LOG.error("could not publish the alert for {} to {}", chainBreak, Topics.ALERTS.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long verifiedCount() {
        return verified;
    }

    public Optional<ChainBreak> firstBreak() {
        return Optional.ofNullable(firstBreak.get());
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}
