package dev.mcpgw.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * Drives N calls one at a time or C at a time and reports latency percentiles and throughput.
 * Every call is bounded, and a run stops after {@link #MAX_FAILURES} failures (reported as
 * aborted) rather than waiting out the timeouts of a peer that stopped answering.
 */
final class LatencyRun {
    static final int MAX_FAILURES = 10;
    private static final long CALL_TIMEOUT_SECONDS = 10;

    record Result(String name, int calls, int concurrency, double p50Ms, double p99Ms, double callsPerSecond, long failures) {
        boolean aborted() {
            return failures >= MAX_FAILURES;
        }
    }

    private LatencyRun() {
    }

    static Result run(String name, Supplier<CompletableFuture<Boolean>> call, int calls, int concurrency) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        int sent = 0;
        while (sent < calls && failures.get() < MAX_FAILURES) {
            inFlight.acquire();
            long sentAt = System.nanoTime();
            call.get().orTimeout(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((ok, error) -> {
                recorder.recordValue(System.nanoTime() - sentAt);
                if (error != null || !Boolean.TRUE.equals(ok)) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            });
            sent++;
        }
        inFlight.acquire(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        var histogram = recorder.getIntervalHistogram();
        return new Result(name, sent, concurrency,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                sent / seconds, failures.get());
    }

    static void warmUp(Supplier<CompletableFuture<Boolean>> call, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            call.get().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
