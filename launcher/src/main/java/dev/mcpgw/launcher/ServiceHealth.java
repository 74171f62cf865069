package dev.mcpgw.launcher;

import dev.mcpgw.kafka.KafkaReachability;
import dev.mcpgw.review.ReviewService;
import dev.mcpgw.sink.ReceiptSink;
import dev.mcpgw.stream.DecisionStreamApp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a service run alone reports on {@code /healthz}: the components that must hold for it to
 * be alive (a restart is the cure when one fails) and those that must also hold for it to be
 * ready (its Kafka cluster answers; for the decision stream, Kafka Streams is RUNNING).
 */
public final class ServiceHealth {
    private final String service;
    private final Map<String, BooleanSupplier> liveness = new LinkedHashMap<>();
    private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();

    public ServiceHealth(String service) {
        this.service = service;
    }

    public static ServiceHealth of(DecisionStreamApp stream, KafkaReachability kafka) {
        return new ServiceHealth("decision-stream").alive("stream-threads", stream::isAlive)
                .ready("kafka", kafka::isReachable).ready("decision-stream", stream::isRunning);
    }

    public static ServiceHealth of(ReceiptSink sink, KafkaReachability kafka) {
        return new ServiceHealth("receipt-sink").alive("receipt-sink", sink::isRunning).ready("kafka", kafka::isReachable);
    }

    public static ServiceHealth of(ReviewService review, KafkaReachability kafka) {
        return new ServiceHealth("review-service").alive("review-board", review::isRunning).ready("kafka", kafka::isReachable);
    }

    public ServiceHealth alive(String component, BooleanSupplier holds) {
        liveness.put(component, holds);
        return this;
    }

    public ServiceHealth ready(String component, BooleanSupplier holds) {
        readiness.put(component, holds);
        return this;
    }

    public String service() {
        return service;
    }

    /** The liveness components that do not hold. */
    public List<String> notAlive() {
        return failing(liveness);
    }

    /** Every component that does not hold: a service that is not alive is not ready either. */
    public List<String> notReady() {
        List<String> failing = notAlive();
        failing.addAll(failing(readiness));
        return failing;
    }

    private static List<String> failing(Map<String, BooleanSupplier> checks) {
        List<String> failing = new ArrayList<>();
        checks.forEach((component, holds) -> {
            if (!holds.getAsBoolean()) {
                failing.add(component);
            }
        });
        return failing;
    }
}
