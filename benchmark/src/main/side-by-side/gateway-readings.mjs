// What the side-by-side learns from the gateway's own /metrics around each slice: how many
// transactions its decision stream committed, and how long its edge waited for decisions.
import { addBuckets, bucketsBetween, counterSum, histogramBuckets, quantile } from './prometheus.mjs';

/**
 * One reading of the gateway's /metrics: the transactions its decision stream has committed
 * (kafka_stream_thread_commit_total, summed over its stream threads) and the edge's waits from
 * proposing a call to its committed decision (mcpgw_decision_wait_seconds, by bucket); undefined
 * when /metrics does not answer, or not within 5 s.
 */
export async function readGatewayMetrics(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return undefined;
    return parseGatewayMetrics(await response.text());
  } catch {
    return undefined;
  }
}

export function parseGatewayMetrics(text) {
  return { commits: counterSum(text, 'kafka_stream_thread_commit_total'), decisionWait: histogramBuckets(text, 'mcpgw_decision_wait_seconds') };
}

/**
 * The readings around the slices of one phase, added up. A waiting time is recorded only for a
 * call that got its decision: calls refused, withdrawn or timed out before one are not in it.
 */
export class GatewayReadings {
  constructor() {
    this.commits = undefined;
    this.committedCalls = 0;
    this.decisionWait = undefined;
  }

  /**
   * The readings before and after a slice in which `calls` calls succeeded. A pair that cannot be
   * compared (the counter went back, the buckets changed) leaves the slice out of that figure.
   */
  observed(before, after, calls) {
    if (before.commits !== undefined && after.commits !== undefined && after.commits >= before.commits) {
      this.commits = (this.commits ?? 0) + after.commits - before.commits;
      this.committedCalls += calls;
    }
    const waits = before.decisionWait && after.decisionWait && bucketsBetween(before.decisionWait, after.decisionWait);
    const sum = waits && addBuckets(this.decisionWait, waits);
    if (sum) this.decisionWait = sum;
  }

  /** Calls per committed transaction, and the median wait for a decision in milliseconds; each undefined when not read. */
  summary() {
    const decisionSeconds = this.decisionWait && quantile(this.decisionWait, 0.5);
    return {
      streamCommits: this.commits,
      callsPerCommit: this.commits ? this.committedCalls / this.commits : undefined,
      decisionP50: decisionSeconds === undefined ? undefined : decisionSeconds * 1000,
    };
  }
}
