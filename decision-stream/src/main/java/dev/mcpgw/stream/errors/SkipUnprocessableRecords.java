package dev.mcpgw.stream.errors;

import dev.mcpgw.kafka.DeadLetterReporter;
import dev.mcpgw.kafka.DeadLetters;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record a processor failed on, past the evaluation step's own fail-closed handling (which
 * decides DENY for an intent it cannot evaluate): reported and skipped. The intent's caller then
 * gets no decision and its call is refused when the edge stops waiting: fail closed.
 */
public final class SkipUnprocessableRecords implements ProcessingExceptionHandler {
    private DeadLetterReporter reporter;

    @Override
    public void configure(Map<String, ?> configs) {
        reporter = StreamErrorHandlers.reporter(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        reporter.report(StreamErrorHandlers.COMPONENT, context.topic(), context.partition(), context.offset(), context.sourceRawValue(),
                DeadLetters.reason("processing failed at " + context.processorNodeId(), exception));
        return ProcessingHandlerResponse.CONTINUE;
    }
}
