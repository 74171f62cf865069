package dev.mcpgw.stream.errors;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.DeadLetters;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record on an input topic that is not a record of its schema (garbage, another schema's bytes,
 * a tombstone): reported as a dead letter, and the stream goes on with the next one. Kafka's
 * default would stop the stream for every agent, and again after every restart.
 */
public final class SkipUnreadableRecords implements DeserializationExceptionHandler {
    private DeadLetterReporter reporter;

    @Override
    public void configure(Map<String, ?> configs) {
        reporter = StreamErrorHandlers.reporter(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        reporter.report(StreamErrorHandlers.COMPONENT, record.topic(), record.partition(), record.offset(), record.value(),
                DeadLetters.reason(record.value() == null ? "tombstone" : "unreadable", exception));
        return DeserializationHandlerResponse.CONTINUE;
    }
}
