package dev.mcpgw.stream.errors;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.DeadLetters;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * An output record that can never be written (it cannot be serialized, or is larger than the
 * broker takes): reported and skipped, since retrying it would stop the stream for good. A skipped
 * receipt leaves a gap the receipt sink reports as a chain break; a skipped decision leaves its
 * call to be refused at the edge's timeout. Any other failure is left to fail the transaction, so
 * exactly-once processing retries it.
 */
public final class SkipUnproducibleRecords implements ProductionExceptionHandler {
    private DeadLetterReporter reporter;

    @Override
    public void configure(Map<String, ?> configs) {
        reporter = StreamErrorHandlers.reporter(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!(exception instanceof RecordTooLargeException)) {
            return ProductionExceptionHandlerResponse.FAIL;
        }
        report(context, "not written to " + record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                          Exception exception, SerializationExceptionOrigin origin) {
        report(context, "not serialized for " + record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    private void report(ErrorHandlerContext context, String what, Exception exception) {
        reporter.report(StreamErrorHandlers.COMPONENT, context.topic(), context.partition(), context.offset(), context.sourceRawValue(),
                DeadLetters.reason(what, exception));
    }
}
