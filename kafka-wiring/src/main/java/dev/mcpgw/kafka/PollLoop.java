package dev.mcpgw.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer polled on its own thread, each record handed to a handler. KafkaConsumer is not
 * thread-safe, so the thread owns it: {@link #close()} wakes it up and the thread closes it. A
 * record that cannot be read, a tombstone, or one the handler fails on is reported as a dead
 * letter and passed over: no record on the topic can stop the loop.
 */
public final class PollLoop<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
    /**
     * A poll returns as soon as records arrive and {@link #close()} wakes it, so an idle loop need
     * not come round more often than its consumer's fetches are answered.
     */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(TopicConsumers.TAILING_FETCH_WAIT_MS);

    private final KafkaConsumer<K, V> consumer;
    private final Consumer<ConsumerRecord<K, V>> handler;
    private final DeadLetterReporter deadLetters;
    private final Thread thread;
    private volatile boolean running = true;

    public PollLoop(String name, KafkaConsumer<K, V> consumer, Consumer<ConsumerRecord<K, V>> handler, DeadLetterReporter deadLetters) {
        this.consumer = consumer;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    public PollLoop<K, V> start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{} woken up unexpectedly; stopped", thread.getName(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("{} stopped", thread.getName(), e);
        } finally {
            // The consumers of a poll loop are assigned, with no group to leave and no offsets to
            // commit; a close with time to spare would wait out the fetch the broker holds for them.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private void pollOnce() {
        try {
            consumer.poll(POLL_TIMEOUT).forEach(this::handle);
        } catch (RecordDeserializationException e) {
            // The consumer stops before an unreadable record and would return it forever: step over it.
            deadLetters.report(thread.getName(), e.topicPartition().topic(), e.topicPartition().partition(), e.offset(),
                    bytes(e.valueBuffer()), DeadLetters.reason("unreadable", e.getCause() == null ? e : e.getCause()));
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private void handle(ConsumerRecord<K, V> record) {
        if (record.value() == null) {
            deadLetters.report(thread.getName(), record.topic(), record.partition(), record.offset(), null, "tombstone");
            return;
        }
        try {
            handler.accept(record);
        } catch (RuntimeException e) {
            deadLetters.report(thread.getName(), record.topic(), record.partition(), record.offset(), null,
                    DeadLetters.reason("not handled", e));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
