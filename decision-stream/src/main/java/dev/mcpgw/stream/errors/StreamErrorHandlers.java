package dev.mcpgw.stream.errors;

import dev.mcpgw.kafka.DeadLetterReporter;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Wires the stream's three error handlers: a record that cannot be read, processed or produced is
 * reported as a dead letter and skipped, so that no record can stop the decision stream. Kafka
 * Streams makes the handlers from class names; each finds the reporter in its configuration.
 */
public final class StreamErrorHandlers {
    static final String COMPONENT = "decision-stream";
    /** The configuration key under which the handlers find the {@link DeadLetterReporter}. */
    static final String REPORTER_CONFIG = "mcpgw.dead.letter.reporter";

    private StreamErrorHandlers() {
    }

    public static void configure(Properties props, DeadLetterReporter reporter) {
        props.put(REPORTER_CONFIG, reporter);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnreadableRecords.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnprocessableRecords.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, SkipUnproducibleRecords.class);
    }

    static DeadLetterReporter reporter(Map<String, ?> configs) {
        if (configs.get(REPORTER_CONFIG) instanceof DeadLetterReporter reporter) {
            return reporter;
        }
        throw new IllegalStateException(REPORTER_CONFIG + " must hold a DeadLetterReporter");
    }
}
