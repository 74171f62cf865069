package dev.mcpgw.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/** Drives N calls one at a time or C at a time and reports latency percentiles and throughput. */
final class LatencyRun {

    record Result(String name, int calls, int concurrency, double p50Ms, double p99Ms, double callsPerSecond, long failures) {
    }

    private LatencyRun() {
    }

    static Result run(String name, Supplier<CompletableFuture<Boolean>> call, int calls, int concurrency) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            inFlight.acquire();
            long sent = System.nanoTime();
            call.get().whenComplete((ok, error) -> {
                recorder.recordValue(System.nanoTime() - sent);
                if (error != null || !Boolean.TRUE.equals(ok)) {
                    failures.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        var histogram = recorder.getIntervalHistogram();
        return new Result(name, calls, concurrency,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                calls / seconds, failures.get());
    }

    static void warmUp(Supplier<CompletableFuture<Boolean>> call, int calls) throws Exception {
        for (int i = 0; i < calls; i++) {
            call.get().get(30, TimeUnit.SECONDS);
        }
    }
}
