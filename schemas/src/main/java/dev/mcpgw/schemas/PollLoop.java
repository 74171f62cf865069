package dev.mcpgw.schemas;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer polled on its own thread, each record handed to a handler. KafkaConsumer is not
 * thread-safe, so the thread owns it: {@link #close()} wakes it up and the thread closes it.
 */
public final class PollLoop<K, V> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final KafkaConsumer<K, V> consumer;
    private final Consumer<ConsumerRecord<K, V>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    public PollLoop(String name, KafkaConsumer<K, V> consumer, Consumer<ConsumerRecord<K, V>> handler) {
        this.consumer = consumer;
        this.handler = handler;
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
                consumer.poll(POLL_TIMEOUT).forEach(handler);
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{} woken up unexpectedly; stopped", thread.getName(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("{} stopped", thread.getName(), e);
        } finally {
            consumer.close();
        }
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
